package io.homeostat.exporter.otlp;

import io.homeostat.core.config.Validatable;

/**
 * The client side of TLS, with the OpenTelemetry Collector's keys: by default TLS with the system
 * trust store.
 *
 * @param insecure plaintext instead of TLS (gRPC only: for HTTP the URL's scheme decides)
 * @param caFile PEM certificates to trust instead of the system trust store
 * @param certFile PEM client certificate chain, for servers that ask for one (mutual TLS)
 * @param keyFile the client certificate's unencrypted PKCS#8 PEM private key
 * @param insecureSkipVerify accept any server certificate and name: for tests only
 */
public record TlsConfig(boolean insecure, String caFile, String certFile, String keyFile,
    boolean insecureSkipVerify) implements Validatable {

  public static final TlsConfig DEFAULT = new TlsConfig(false, null, null, null, false);

  @Override
  public void validate(Violations violations) {
    if (certFile != null && keyFile == null) {
      violations.add("key_file", "is required with cert_file '" + certFile
          + "': the PEM private key of the client certificate");
    }
    if (keyFile != null && certFile == null) {
      violations.add("cert_file", "is required with key_file '" + keyFile
          + "': the PEM client certificate chain that goes with the key");
    }
  }
}
