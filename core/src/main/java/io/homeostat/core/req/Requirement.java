package io.homeostat.core.req;

import io.homeostat.core.config.Validatable;
import java.util.List;

/**
 * One requirement of a catalog: what an alert about it leads back to. As an entry of a catalog's
 * {@code requirements} list it checks the form of its ids.
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
    List<String> code, List<String> businessRules, List<String> constraints, String owner)
    implements Validatable {

  public Requirement {
    design = design == null ? List.of() : List.copyOf(design);
    code = code == null ? List.of() : List.copyOf(code);
    businessRules = businessRules == null ? List.of() : List.copyOf(businessRules);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }

  /** A requirement known by its key only: named by a metric or a rule, described nowhere. */
  public static Requirement of(String id) {
    return new Requirement(id, null, null, null, null, null, null, null, null);
  }

  @Override
  public void validate(Violations violations) {
    if (id == null || id.isBlank()) {
      violations.add("id", "is required: the requirement's key, such as "
          + IdKind.REQUIREMENT.example());
    } else {
      IdKind.REQUIREMENT.check("id", id, violations);
    }
    if (intent != null) {
      IdKind.INTENT.check("intent", intent, violations);
    }
    IdKind.DESIGN.checkAll("design", design, violations);
    IdKind.BUSINESS_RULE.checkAll("business_rules", businessRules, violations);
    IdKind.CONSTRAINT.checkAll("constraints", constraints, violations);
  }
}
