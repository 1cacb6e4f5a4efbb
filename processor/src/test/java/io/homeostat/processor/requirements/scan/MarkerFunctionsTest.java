package io.homeostat.processor.requirements.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function of a marker, one language construct per case; each case lists its markers as
 * {@code line:function} ({@code -} for none).
 */
class MarkerFunctionsTest {

  static Stream<Arguments> sources() {
    return Stream.of(
        Arguments.of("Kotlin: a function with a block body and one with an expression body", "a.kt", """
            class Login {
              // Implements: REQ-A
              fun check(user: String): Boolean {
                return true // Implements: REQ-B
              }

              /** Implements: REQ-C */
              fun name() = "login"
            }
            """, List.of("2:check", "4:check", "7:name")),
        Arguments.of("Kotlin: an extension function and a lambda inside it", "a.kt", """
            fun String.masked(): String {
                return map { c ->
                    // Implements: REQ-A
                    '*'
                }.joinToString("")
            }
            """, List.of("3:masked")),
        Arguments.of("Scala: def, with and without braces", "a.scala", """
            object Login {
              // Implements: REQ-A
              def check(user: String): Boolean = {
                true
              }
              // Implements: REQ-B
              def name: String = "login"
            }
            """, List.of("2:check", "6:name")),
        Arguments.of("C#: a method, a property and an attribute", "a.cs", """
            public class LoginController : Controller {
                // Implements: REQ-A
                public int Attempts { get; set; }

                /// Implements: REQ-B
                [HttpPost("login")]
                public async Task<IActionResult> Login([FromBody] LoginRequest request) {
                    using (var scope = Begin()) {
                        // Implements: REQ-C
                        return Ok();
                    }
                }
            }
            """, List.of("2:-", "5:Login", "9:Login")),
        Arguments.of("Rust: fn with a where clause and a lifetime", "a.rs", """
            // Implements: REQ-A
            #[inline]
            pub fn check<'a, T>(name: &'a str, value: T) -> bool
            where
                T: Clone,
            {
                let c = '{';
                true // Implements: REQ-B
            }
            """, List.of("1:check", "8:check")),
        Arguments.of("JavaScript: function declarations, arrow functions, object methods", "a.js", """
            // Implements: REQ-A
            const login = async (req, res) => {
              res.send("ok"); // Implements: REQ-B
            };

            const handlers = {
              // Implements: REQ-C
              logout(req) {
                return null;
              },
            };

            // Implements: REQ-D
            const double = (x) => x * 2;

            // Implements: REQ-E
            function* ids() {
              yield 1;
            }
            """, List.of("1:login", "3:login", "7:logout", "13:double", "16:ids")),
        Arguments.of("TypeScript: a parameter with an arrow type is not a declaration", "a.ts", """
            export class Jobs {
              // Implements: REQ-A
              schedule(run: (at: Date) => void, every: number): void {
                setInterval(() => run(new Date()), every);
              }
            }
            """, List.of("2:schedule")),
        Arguments.of("Java: a blank line ends the wait for a declaration", "A.java", """
            class A {
              // Implements: REQ-A

              void run() {
              }

              /*
               * Implements: REQ-B

               * a blank line inside a comment is still the comment
               */
              @Override
              public String toString() {
                return "A";
              }

              // Implements: REQ-C
              private final int x = 1;

              record Point(int x, int y) {
                // Implements: REQ-D
              }
            }
            """, List.of("2:-", "8:toString", "17:-", "21:-")),
        Arguments.of("Java: calls and control statements are not methods", "A.java", """
            class A {
              void run() {
                for (int i = 0; i < 3; i++) {
                  // Implements: REQ-A
                }
                new Thread(() -> {
                  // Implements: REQ-B
                }).start();
                synchronized (this) {
                  // Implements: REQ-C
                }
                String text = \"""
                    { // Implements: REQ-NOT-A-MARKER
                    \""";
              }
            }
            """, List.of("4:run", "7:run", "10:run")),
        Arguments.of("Python: nested functions, methods and decorators", "a.py", """
            class Api:
                # Implements: REQ-A
                x = 1

                @property
                # Implements: REQ-B
                def name(self):
                    def inner():
                        pass  # Implements: REQ-C
                    return inner  # Implements: REQ-D

            # Implements: REQ-E
            def top(): return 1
            '''Implements: REQ-F'''
            """, List.of("2:-", "6:name", "9:inner", "10:name", "12:top", "14:-")),
        Arguments.of("Python: strings that look like comments are not", "a.py", """
            def f():
                s = "# Implements: REQ-NOT-A-MARKER"
                t = '# Implements: REQ-NOT-A-MARKER'
                return s + t  # Implements: REQ-A
            """, List.of("4:f")),
        Arguments.of("Go: methods and a closure", "a.go", """
            // Implements: REQ-A
            func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
            	handler := func(w http.ResponseWriter) {
            		// Implements: REQ-B
            		w.WriteHeader(200)
            	}
            	handler(w)
            }

            // Implements: REQ-C
            type Server struct {
            	name string
            }
            """, List.of("1:ServeHTTP", "4:ServeHTTP", "10:-")),
        Arguments.of("SQL and shell: markers in -- and # comments, without functions", "a.sql", """
            -- Implements: REQ-A, REQ-B
            select '-- Implements: REQ-NOT-A-MARKER' from dual; -- Implements: REQ-C
            """, List.of("1:-", "2:-")),
        Arguments.of("several markers, and keys that do not parse", "a.sh", """
            # Implements: REQ-A Implements: REQ-B
            # Implements: req-lower
            # implements: REQ-WRONG-CASE
            # Implements: REQ-C.
            """, List.of("1:-", "1:-", "4:-")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void eachMarkerBelongsToTheRightFunction(String what, String file, String source,
      List<String> expected) {
    List<String> found = SourceScanner.markers(file, source, Language.of(file)).stream()
        .map(m -> m.line() + ":" + (m.function() == null ? "-" : m.function())).toList();
    assertEquals(expected, found);
  }
}
