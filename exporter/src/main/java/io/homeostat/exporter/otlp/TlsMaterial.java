package io.homeostat.exporter.otlp;

import io.homeostat.core.component.ComponentSettings;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust and key managers a {@link TlsConfig} stands for, read from PEM files with the JDK
 * alone, for both the gRPC and the HTTP exporter. Errors name the key and the file.
 */
public final class TlsMaterial {

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};
  private static final char[] NO_PASSWORD = new char[0];

  private TlsMaterial() {}

  /** The trust managers: {@code ca_file}, the system trust store, or trust in anything. */
  static TrustManager[] trustManagers(TlsConfig tls, ComponentSettings settings)
      throws IOException {
    if (tls.insecureSkipVerify()) {
      return new TrustManager[] {new TrustingEverything()};
    }
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (tls.caFile() == null) {
        factory.init((KeyStore) null);
      } else {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates("tls.ca_file", tls.caFile(), settings)) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
        factory.init(store);
      }
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the trust store for tls.ca_file '" + tls.caFile()
          + "': " + e.getMessage(), e);
    }
  }

  /** The key managers of the client certificate, or null when none is configured. */
  static KeyManager[] keyManagers(TlsConfig tls, ComponentSettings settings) throws IOException {
    if (tls.certFile() == null) {
      return null;
    }
    Collection<? extends Certificate> chain =
        certificates("tls.cert_file", tls.certFile(), settings);
    PrivateKey key = privateKey(tls.keyFile(), settings);
    try {
      KeyStore store = emptyStore();
      store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("tls.key_file '" + tls.keyFile() + "' does not go with tls.cert_file '"
          + tls.certFile() + "': " + e.getMessage(), e);
    }
  }

  /** An SSL context for a client with {@code tls}'s trust and keys. */
  public static SSLContext sslContext(TlsConfig tls, ComponentSettings settings) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls, settings), trustManagers(tls, settings), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static Collection<? extends Certificate> certificates(String key, String file,
      ComponentSettings settings) throws IOException {
    Path path = settings.resolve(file);
    byte[] pem = read(key, path);
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException e) {
      certificates = List.of();
    }
    if (certificates.isEmpty()) {
      throw new IOException(key + " '" + path + "' holds no certificate: give a PEM file with "
          + "-----BEGIN CERTIFICATE----- blocks");
    }
    return certificates;
  }

  private static byte[] read(String key, Path path) throws IOException {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IOException("cannot read " + key + " '" + path + "': " + e, e);
    }
  }

  private static PrivateKey privateKey(String file, ComponentSettings settings) throws IOException {
    Path path = settings.resolve(file);
    String text = new String(read("tls.key_file", path), StandardCharsets.US_ASCII);
    Matcher pem = PEM.matcher(text);
    if (!pem.find()) {
      throw new IOException("tls.key_file '" + path + "' is not a PEM file");
    }
    if (!pem.group(1).equals("PRIVATE KEY")) {
      throw new IOException("tls.key_file '" + path + "' holds a " + pem.group(1)
          + "; give an unencrypted PKCS#8 key (BEGIN PRIVATE KEY), for example from "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
    }
    PKCS8EncodedKeySpec spec =
        new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(2)));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisOne) {
        // PKCS#8 names the algorithm inside; trying the common ones is simpler than parsing it.
      }
    }
    throw new IOException("tls.key_file '" + path + "' holds a key of an unsupported type; "
        + "give an RSA, EC or EdDSA key");
  }

  /**
   * For {@code insecure_skip_verify}: accepts every certificate. Being an extended trust manager,
   * it also stands in for the host name check, which the JDK leaves to it.
   */
  private static final class TrustingEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
