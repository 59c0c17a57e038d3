/**
 * Test fixtures that other modules' tests share through the runtime's test-jar: {@link TestServer} (a real server
 * over the embedded MongoDB on loopback), {@link FakeOidcProvider} (an OpenID Connect provider speaking the real
 * protocol), {@link Mailbox} (a real SMTP server whose messages tests read), {@link MutableClock}, {@link
 * HttpAssertions} and {@link PrometheusText} (a strict reader of the metrics format).
 *
 * <p>Must never: be used by main code, stand in for a part of the runtime (they drive the real one), or bind a
 * fixed port.
 */
package dev.instacrud.runtime.testing;
