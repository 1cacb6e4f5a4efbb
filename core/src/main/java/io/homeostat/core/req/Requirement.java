package io.homeostat.core.req;

import java.util.List;

/**
 * One requirement of a catalog: what an alert about it leads back to.
 *
 * @param id such as {@code REQ-F-AUTH-001}
 * @param intent the intent it serves, such as {@code INT-100}
 * @param doc where it is written down
 * @param design design decisions ({@code ADR-*})
 * @param code source paths that implement it
 * @param businessRules {@code BR-*}
 * @param constraints {@code C-*}
 * @param owner the team or person who answers for it
 */
public record Requirement(String id, String title, String intent, String doc, List<String> design,
    List<String> code, List<String> businessRules, List<String> constraints, String owner) {

  public Requirement {
    design = design == null ? List.of() : List.copyOf(design);
    code = code == null ? List.of() : List.copyOf(code);
    businessRules = businessRules == null ? List.of() : List.copyOf(businessRules);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }
}
