package io.homeostat.homeostasis.issues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.homeostasis.model.ProductionIssue;

/**
 * A production issue as JSON, the same in the admin API and in the evidence of its intent:
 * DESIGN.md's field names, times as ISO-8601 UTC text, {@code stack_trace} null when no occurrence
 * carried one.
 *
 * <pre>{@code
 * {"issue_id":"ISS-20261121-0001","requirement":"REQ-F-AUTH-001",
 *  "error_type":"com.acme.TimeoutException","fingerprint":"9f3c...","error_message":"...",
 *  "stack_trace":"...","business_rules":["BR-002"],"first_seen":"...","last_seen":"...",
 *  "count":42,"severity":"high","impact":{"traces":7,"users":3},"sample_trace_ids":["..."]}
 * }</pre>
 */
public final class IssueJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IssueJson() {}

  public static ObjectNode node(ProductionIssue issue) {
    ObjectNode node = JSON.createObjectNode();
    node.put("issue_id", issue.issueId());
    node.put("requirement", issue.requirement());
    node.put("error_type", issue.errorType());
    node.put("fingerprint", issue.fingerprint());
    node.put("error_message", issue.errorMessage());
    node.put("stack_trace", issue.stackTrace());
    issue.businessRules().forEach(node.putArray("business_rules")::add);
    node.put("first_seen", issue.firstSeen().toString());
    node.put("last_seen", issue.lastSeen().toString());
    node.put("count", issue.count());
    node.put("severity", issue.severity());
    ObjectNode impact = node.putObject("impact");
    impact.put("traces", issue.traces());
    impact.put("users", issue.users());
    issue.sampleTraceIds().forEach(node.putArray("sample_trace_ids")::add);
    return node;
  }
}
