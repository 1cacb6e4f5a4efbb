package io.homeostat.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed certificate made with the JDK's keytool, as PEM files (certificate, PKCS#8 key)
 * for the exporters' TLS config and as key managers for test servers.
 */
public record TestCertificates(Path certPem, Path keyPem, KeyStore keyStore) {

  private static final char[] PASSWORD = "changeit".toCharArray();

  /** A certificate for {@code localhost} and {@code 127.0.0.1}, as {@code <name>.pem}. */
  public static TestCertificates forLocalhost(Path dir, String name)
      throws IOException, InterruptedException, GeneralSecurityException {
    return generate(dir, name, "localhost", "dns:localhost,ip:127.0.0.1");
  }

  /** A certificate for a host the tests never connect to, as {@code elsewhere.pem}. */
  public static TestCertificates forAnotherHost(Path dir)
      throws IOException, InterruptedException, GeneralSecurityException {
    return generate(dir, "elsewhere", "elsewhere.example", "dns:elsewhere.example");
  }

  /**
   * Generates a key pair and certificate for {@code commonName} valid for {@code san}
   * (keytool's syntax, such as {@code dns:localhost,ip:127.0.0.1}), into {@code dir}.
   */
  public static TestCertificates generate(Path dir, String name, String commonName, String san)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve(name + ".p12");
    Path cert = dir.resolve(name + ".pem");
    keytool(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + commonName, "-ext", "san=" + san, "-validity", "2", "-keystore",
        store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
    keytool(List.of("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-file", cert.toString()));
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    byte[] key = keyStore.getKey(name, PASSWORD).getEncoded();
    Path keyPem = dir.resolve(name + "-key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key)
        + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    return new TestCertificates(cert, keyPem, keyStore);
  }

  /** Key managers serving this certificate, for a test server. */
  public KeyManagerFactory keyManagers() throws GeneralSecurityException {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keyStore, PASSWORD);
    return factory;
  }

  private static void keytool(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool " + arguments + " failed: " + output);
    }
  }
}
