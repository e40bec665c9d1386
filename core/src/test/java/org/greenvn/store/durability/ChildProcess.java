package org.greenvn.store.durability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The test's side of an {@link EngineChild}: a JVM started with this JVM's binary and class path,
 * whose protocol lines are collected as they arrive. Lines cut short (no trailing {@code "\t."},
 * as when the child is killed mid-write) and anything else the child prints are dropped; its
 * stderr goes to a log file, shown when a test fails.
 */
final class ChildProcess implements AutoCloseable {

  /** SIGKILL's number: a process it ended exits with 128 + 9 in Java's view. */
  static final int SIGKILL_EXIT = 128 + 9;

  private static final long PATIENCE_MILLIS = 60_000;

  private final Process process;
  private final Path log;
  private final OutputStream stdin;
  private final BlockingQueue<List<String>> incoming = new LinkedBlockingQueue<>();
  private final List<List<String>> all = new ArrayList<>();
  private final Thread reader;
  private volatile boolean ended;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.stdin = process.getOutputStream();
    this.reader = new Thread(this::readLoop, "child-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child; it is warming up until {@link #awaitReady()}. */
  static ChildProcess start(Path logDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.createDirectories(logDir);
    Path log = Files.createTempFile(logDir, "child-", ".log");
    ProcessBuilder builder = new ProcessBuilder(
        java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), EngineChild.class.getName());
    builder.redirectError(log.toFile());
    return new ChildProcess(builder.start(), log);
  }

  private void readLoop() {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.endsWith("\t.")) {
          List<String> fields = List.of(line.substring(0, line.length() - 2).split("\t", -1));
          synchronized (all) {
            all.add(fields);
          }
          incoming.add(fields);
        }
      }
    } catch (IOException e) {
      // the pipe broke with the process: what was read is all there is
    } finally {
      ended = true;
      incoming.add(List.of("EOF"));
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the child's warm-up to end. */
  void awaitReady() {
    await(f -> f.get(0).equals("READY"));
  }

  /** Sends one command line, its fields tab-separated. */
  void send(String... fields) {
    try {
      stdin.write((String.join("\t", fields) + "\n").getBytes(UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("The child " + pid() + " does not listen: " + tail(), e);
    }
  }

  /**
   * Waits for the next line of kind {@code kind} and returns its fields; fails on an
   * {@code ERROR} line, on the end of the output, or after a generous limit.
   */
  List<String> await(String kind) {
    return await(f -> f.get(0).equals(kind));
  }

  private List<String> await(Predicate<List<String>> wanted) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    while (true) {
      List<String> fields;
      try {
        fields = incoming.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (fields == null) {
        throw new AssertionError("The child " + pid() + " did not answer in "
            + PATIENCE_MILLIS + " ms; its log: " + tail());
      }
      if (fields.get(0).equals("ERROR") || fields.get(0).equals("EOF")) {
        throw new AssertionError("The child " + pid() + " failed: " + fields + "; its log: "
            + tail());
      }
      if (wanted.test(fields)) {
        return fields;
      }
    }
  }

  /**
   * Kills the child with SIGKILL and waits for it and for the end of its output. Through its
   * {@link ProcessHandle}: {@link Process#destroyForcibly()} sends the same signal but also closes
   * the child's stdout, dropping acknowledgements still in the pipe that the reader had not read.
   */
  int kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    int exit = process.waitFor();
    reader.join(PATIENCE_MILLIS);
    return exit;
  }

  /** Waits for a child that was told to quit, and for the end of its output. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The child " + pid() + " did not exit; its log: " + tail());
    }
    reader.join(PATIENCE_MILLIS);
    return process.exitValue();
  }

  /** Every complete protocol line the child printed so far, in order. */
  List<List<String>> lines() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  boolean outputEnded() {
    return ended;
  }

  /** The end of the child's stderr, for failure messages. */
  String tail() {
    try {
      String text = Files.readString(log);
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(log);
  }
}
