package io.homeostat.exporter.sending;

/**
 * When a disk queue forces what it wrote to the storage device ({@code sending_queue.fsync}).
 * Every policy survives the server being killed: a written request is in the operating system's
 * page cache. They differ in what a power loss or a kernel crash takes.
 */
public enum FsyncPolicy {
  /** The operating system writes back when it likes: a power loss takes its last seconds. */
  NEVER,
  /** Forced every {@code fsync_interval}: a power loss takes at most that interval. */
  INTERVAL,
  /** Forced before the client is answered: nothing is lost, each request waits for the device. */
  ALWAYS
}
