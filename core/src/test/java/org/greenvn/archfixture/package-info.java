/**
 * Classes that break the architecture rules on purpose, so that {@code EdgeDependencyTest} can
 * show each rule fires. Test sources only: the rules themselves import main classes only.
 */
package org.greenvn.archfixture;
