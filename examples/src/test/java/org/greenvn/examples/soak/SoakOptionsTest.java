package org.greenvn.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soak's flags: defaults, the CI form, overrides and clear errors. */
class SoakOptionsTest {

  @Test
  void flagsOverrideTheLongFormsDefaults() {
    SoakOptions options = SoakOptions.parse("--duration", "5m", "--call-workers", "3");

    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.callWorkers()).isEqualTo(3);
    assertThat(options.httpWorkers()).isEqualTo(SoakOptions.defaults().httpWorkers());
  }

  @Test
  void ciStartsFromTheShortFormWhereverItStands() {
    SoakOptions options = SoakOptions.parse("--duration", "8s", "--ci");

    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(8));
    assertThat(options.warmup()).isEqualTo(SoakOptions.ci().warmup());
  }

  @Test
  void unknownFlagsAndBadValuesAreRefusedByName() {
    assertThatThrownBy(() -> SoakOptions.parse("--host", "10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--host");
    assertThatThrownBy(() -> SoakOptions.parse("--duration", "ten"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration 'ten'");
    assertThatThrownBy(() -> SoakOptions.parse("--duration"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SoakOptions.parse("--http-workers", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
  }
}
