/* Unit tests for pipelines/output_rtmp.c: where each preset sends, and keys never in URLs. */
#include "pipelines/output_rtmp.h"

static void
check_target (PlenumOutputKind kind, const char *url, gboolean backup, const char *scheme,
              const char *host, int port, const char *application)
{
  PlenumOutputConfig output = { .id = "o", .kind = kind, .url = (char *) url, .backup = backup,
                                .secret = (char *) "KEY123" };
  PlenumRtmpTarget target;
  g_autoptr (GError) error = NULL;

  g_assert_true (plenum_output_rtmp_target (&output, &target, &error));
  g_assert_cmpstr (target.scheme, ==, scheme);
  g_assert_cmpstr (target.host, ==, host);
  g_assert_cmpint (target.port, ==, port);
  g_assert_cmpstr (target.application, ==, application);
  plenum_rtmp_target_clear (&target);
}

static void
test_presets_and_urls (void)
{
  check_target (PLENUM_OUTPUT_YOUTUBE, NULL, FALSE, "rtmps", "a.rtmps.youtube.com", 443, "live2");
  check_target (PLENUM_OUTPUT_YOUTUBE, NULL, TRUE, "rtmps", "b.rtmps.youtube.com", 443,
                "live2?backup=1");
  check_target (PLENUM_OUTPUT_FACEBOOK, NULL, FALSE, "rtmps", "live-api-s.facebook.com", 443, "rtmp");
  check_target (PLENUM_OUTPUT_RTMP, "rtmp://127.0.0.1:1935/live", FALSE, "rtmp", "127.0.0.1", 1935, "live");
  check_target (PLENUM_OUTPUT_RTMP, "rtmp://stream.example.org/app/sub/", FALSE, "rtmp",
                "stream.example.org", 1935, "app/sub");
  check_target (PLENUM_OUTPUT_RTMP, "RTMPS://stream.example.org/live", FALSE, "rtmps",
                "stream.example.org", 443, "live");
}

static void
test_bad_url_names_the_output (void)
{
  PlenumOutputConfig output = { .id = "site", .kind = PLENUM_OUTPUT_RTMP, .url = (char *) "http://x/live" };
  PlenumRtmpTarget target;
  g_autoptr (GError) error = NULL;

  g_assert_false (plenum_output_rtmp_target (&output, &target, &error));
  g_assert_cmpstr (error->message, ==, "output site: \"http://x/live\" is not an rtmp:// or rtmps:// URL with a host");
}

static void
test_display_url_hides_the_key (void)
{
  PlenumOutputConfig fb = { .id = "fb", .kind = PLENUM_OUTPUT_FACEBOOK, .secret = (char *) "FBKEY" };
  PlenumOutputConfig site = { .id = "s", .kind = PLENUM_OUTPUT_RTMP, .url = (char *) "rtmp://h/live",
                              .secret = (char *) "SITEKEY" };
  g_autofree char *a = plenum_output_rtmp_display_url (&fb);
  g_autofree char *b = plenum_output_rtmp_display_url (&site);

  g_assert_cmpstr (a, ==, "rtmps://live-api-s.facebook.com:443/rtmp/****");
  g_assert_cmpstr (b, ==, "rtmp://h/live/****");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/output/rtmp/presets-and-urls-give-host-port-and-application", test_presets_and_urls);
  g_test_add_func ("/output/rtmp/bad-url-names-the-output", test_bad_url_names_the_output);
  g_test_add_func ("/output/rtmp/display-url-hides-the-key", test_display_url_hides_the_key);
  return g_test_run ();
}
