package io.homeostat.server.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Binds SLF4J to {@link ServerLogging}; found by SLF4J through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class HomeostatLoggingProvider implements SLF4JServiceProvider {

  private IMarkerFactory markers;
  private MDCAdapter mdc;

  @Override
  public void initialize() {
    markers = new BasicMarkerFactory();
    mdc = new BasicMDCAdapter();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return ServerLogging.loggers();
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
