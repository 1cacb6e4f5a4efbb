package io.homeostat.processor.redaction;

import io.homeostat.core.telemetry.RateLimitedLog;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts what the rules find in one string. One pass looks at each character once for what can
 * start a finding ({@code @}, a digit, {@code = : >}) and hands only those places to the detectors,
 * which are hand-written and linear; regular expressions run only for {@code blocked_values}, and
 * a value on which one of them overflows the stack is masked whole.
 * A string in which nothing is found is returned as it is, without allocating anything.
 *
 * <p>Keeps its {@link Findings} and {@link Matcher}s between calls: one instance per processor,
 * used on the pipeline thread.
 */
final class TextRedactor {

  /** The ASCII characters at which an enabled rule may find something. */
  private final boolean[] triggers = new boolean[128];
  private final Cards cards;
  private final SecretPairs secrets;
  private final Matcher[] blocked;
  private final Replacement replacement;
  private final Tally tally;
  private final Findings findings = new Findings();
  private final RateLimitedLog log;

  TextRedactor(RedactionConfig config, SecretKeys keys, Replacement replacement, Tally tally,
      RateLimitedLog log) {
    this.cards = config.card().enabled() ? new Cards() : null;
    this.secrets = config.secretKey().enabled() ? new SecretPairs(keys, replacement.mask()) : null;
    triggers['@'] = config.email().enabled();
    for (char digit = '0'; digit <= '9'; digit++) {
      triggers[digit] = cards != null;
    }
    triggers['='] = secrets != null;
    triggers[':'] = secrets != null;
    triggers['>'] = secrets != null;
    List<Pattern> patterns = config.blockedValues();
    this.blocked = patterns.stream().map(p -> p.matcher("")).toArray(Matcher[]::new);
    this.replacement = replacement;
    this.tally = tally;
    this.log = log;
  }

  /** {@code text} with every finding replaced; the same instance when there is none. */
  String redact(String text) {
    findings.clear();
    find(text);
    if (findings.isEmpty()) {
      return text;
    }
    findings.settle();
    StringBuilder out = new StringBuilder(text.length() + 16);
    int done = 0;
    for (int i = 0; i < findings.size(); i++) {
      int start = findings.start(i);
      out.append(text, done, start);
      replacement.append(out, findings.rule(i), text, start, findings.end(i), findings.alone(i));
      tally.masked(findings.rule(i));
      done = findings.end(i);
    }
    return out.append(text, done, text.length()).toString();
  }

  private void find(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 128 || !triggers[c]) {
        i++;
      } else if (c == '@') {
        Emails.find(text, i, findings);
        i++;
      } else if (c >= '0' && c <= '9') {
        i = cards.scanRun(text, i, findings);
      } else {
        i = secrets.find(text, i, findings);
      }
    }
    for (Matcher matcher : blocked) {
      matcher.reset(text);
      try {
        while (matcher.find()) {
          if (matcher.end() > matcher.start()) {
            findings.add(matcher.start(), matcher.end(), Rule.BLOCKED_VALUE);
          }
        }
      } catch (StackOverflowError e) {
        // Java's engine recurses per repetition of a group: on a long value a pattern such as
        // (a|b)* runs out of stack. Nothing of the value is known to be safe then.
        findings.add(0, text.length(), Rule.BLOCKED_VALUE);
        log.warn("blocked_value_overflow", "a blocked_values pattern ran out of stack on a value of "
            + text.length() + " characters, so the whole value was masked: rewrite '"
            + matcher.pattern() + "' without a repeated group, or with possessive (*+) or "
            + "atomic ((?>...)) repetition", null);
      }
      matcher.reset("");
    }
  }
}
