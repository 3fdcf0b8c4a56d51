package dev.settle.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackUrlValidatorTest {
  final CallbackUrlValidator production =
      new CallbackUrlValidator(new CallbackUrlProperties(false));
  final CallbackUrlValidator dev = new CallbackUrlValidator(new CallbackUrlProperties(true));

  @Test
  void httpsIsAcceptedEverywhereAndAbsentIsFine() {
    assertThat(production.isValid("https://client.example/hooks/settle?x=1", null)).isTrue();
    assertThat(production.isValid("https://127.0.0.1:8443/", null)).isTrue();
    assertThat(production.isValid(null, null)).isTrue();
  }

  @Test
  void plainHttpToLoopbackOnlyWhereAllowed() {
    for (String url :
        new String[] {
          "http://127.0.0.1:9000/hook",
          "http://localhost/hook",
          "http://[::1]:9000/",
          "http://127.8.9.10/"
        }) {
      assertThat(dev.isValid(url, null)).as(url).isTrue();
      assertThat(production.isValid(url, null)).as(url).isFalse();
    }
    for (String url :
        new String[] {
          "http://client.example/",
          "http://10.1.2.3/",
          "http://0x7f000001/",
          "http://127.0.0.1.nip.io/"
        }) {
      assertThat(dev.isValid(url, null)).as(url).isFalse();
    }
  }

  @Test
  void malformedOrDangerousUrlsAreRefused() {
    for (String url :
        new String[] {
          "",
          "not a url",
          "mailto:a@b.c",
          "file:///etc/passwd",
          "https:///nohost",
          "//client.example/x",
          "https://u:p@client.example/",
          "https://client.example/#f",
          "https://client.example/" + "x".repeat(2048)
        }) {
      assertThat(production.isValid(url, null)).as(url).isFalse();
    }
  }
}
