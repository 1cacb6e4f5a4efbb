package com.example.auth;

import java.util.Map;

/**
 * Login over HTTP.
 *
 * Implements: REQ-F-AUTH-001
 */
public class LoginController {

  private static final String PATH = "/login // Implements: REQ-NOT-A-MARKER";

  /**
   * Answers POST /login.
   *
   * Implements: REQ-F-AUTH-001, REQ-NFR-PERF-001
   */
  @PostMapping("/login")
  public Map<String, String> login(@RequestBody Map<String, String> form) throws AuthException {
    if (form.isEmpty()) {
      // Implements: REQ-F-AUTH-007
      throw new AuthException("empty form {");
    }
    Runnable audit = new Runnable() {
      @Override
      public void run() {
        /* Implements: REQ-F-AUTH-008 */
      }
    };
    char brace = '{';
    return Map.of();
  }

  <T> T convert(Class<T> type,
      String value) {
    return null; // Implements: REQ-F-AUTH-009
  }
}
