package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import java.util.List;

/** A measure over one window of its target's length: all but {@link SloMeasure}, which keeps two. */
abstract class WindowedMeasure implements Measure {

  final TargetSpec spec;
  final TimeWindow window;

  WindowedMeasure(TargetSpec spec, TimeWindow window) {
    this.spec = spec;
    this.window = window;
  }

  @Override
  public final List<TimeWindow> windows() {
    return List.of(window);
  }
}
