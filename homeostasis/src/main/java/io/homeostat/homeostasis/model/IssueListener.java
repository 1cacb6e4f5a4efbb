package io.homeostat.homeostasis.model;

/** Told when a production issue opens (its first occurrence) and when it closes. */
public interface IssueListener {

  /** Called on the pipeline thread; must not block. */
  void opened(ProductionIssue issue);

  /** The issue saw no occurrence for its time to live. */
  default void closed(ProductionIssue issue) {}
}
