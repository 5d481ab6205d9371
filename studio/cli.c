#include "studio/cli.h"

#include <math.h>
#include <stdio.h>
#include <gst/gst.h>
#include "studio/archive_command.h"
#include "studio/demo_show.h"
#include "studio/listen_address.h"
#include "studio/platform_limits.h"
#include "studio/show.h"
#include "studio/show_runner.h"
#include "studio/upload_command.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

static const char usage[] =
    "Usage:\n"
    "  plenum demo [--duration S] [--headless] [--quiet]\n"
    "  plenum run SHOW.json [--duration S] [--headless] [--quiet]\n"
    "  plenum check SHOW.json\n"
    "  plenum render SHOW.json [--duration S] [--quiet]\n"
    "  plenum archive DIR [--min-coverage SHARE]\n"
    "  plenum upload DIR --youtube\n"
    "  plenum --help | --version\n"
    "\n"
    "Plenum streams council sessions: it mixes cameras and a sign-language interpreter,\n"
    "captions, encodes once and sends to every destination, and records the session.\n"
    "\n"
    "Options:\n"
    "  --duration S   stop cleanly after S seconds of program\n"
    "  --headless     no window, even when a display exists\n"
    "  --quiet        no status line on stderr\n"
    "  --min-coverage SHARE  archive: share of speech that must have captions (0..1;\n"
    "                 default: the show file's archive.min_caption_coverage, else 0.9)\n"
    "\n"
    "Exit codes: 0 clean stop, 1 runtime failure, 2 bad show file or usage.\n";

typedef struct {
  double duration;
  double min_coverage;      /* NAN unless given */
  gboolean headless, quiet, youtube;
  char **rest;
} CliOptions;

static gboolean
parse_options (int *argc, char ***argv, CliOptions *options, gboolean allow_youtube)
{
  GOptionEntry entries[] = {
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &options->duration, "Stop after S seconds", "S" },
    { "headless", 0, 0, G_OPTION_ARG_NONE, &options->headless, "No window", NULL },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &options->quiet, "No status line", NULL },
    { "min-coverage", 0, 0, G_OPTION_ARG_DOUBLE, &options->min_coverage,
      "Share of speech with captions the archive needs", "SHARE" },
    { "youtube", 0, allow_youtube ? 0 : G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE,
      &options->youtube, "Upload to YouTube", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error)) {
    fprintf (stderr, "plenum: %s\n\n%s", error->message, usage);
    return FALSE;
  }
  if (!isnan (options->min_coverage) && !(options->min_coverage >= 0 && options->min_coverage <= 1)) {
    fprintf (stderr, "plenum: --min-coverage must be a share from 0 to 1 (0.9: nine tenths)\n");
    return FALSE;
  }
  if (options->duration < 0) {
    fprintf (stderr, "plenum: --duration must be a positive number of seconds\n");
    return FALSE;
  }
  return TRUE;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s\n", (char *) g_ptr_array_index (problems, i));
}

/* The platforms' limits and open SRT listeners: the show runs anyway, but the operator
 * should know. */
static void
print_warnings (const PlenumShow *show, FILE *to)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  plenum_platform_limits_check (show, warnings);
  plenum_listen_address_warnings (show, warnings);
  for (guint i = 0; i < warnings->len; i++)
    fprintf (to, "warning: %s\n", (char *) g_ptr_array_index (warnings, i));
}

static PlenumShow *
load_show (const char *path)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  PlenumShow *show = plenum_show_load_file (path, problems);

  if (show == NULL) {
    print_problems (problems);
    fprintf (stderr, "plenum: %s: %u problem%s; run `plenum check %s` after fixing them\n", path,
             problems->len, problems->len == 1 ? "" : "s", path);
  }
  return show;
}

static gboolean
want_window (const CliOptions *options)
{
  return !options->headless &&
      (g_getenv ("DISPLAY") || g_getenv ("WAYLAND_DISPLAY") || g_getenv ("SDL_VIDEODRIVER"));
}

/* A render reads files only and writes its record output. */
static gboolean
check_renderable (const PlenumShow *show, const char *path)
{
  gboolean ok = TRUE;
  gboolean has_record = FALSE;

  for (guint i = 0; i < show->sources->len; i++) {
    const PlenumSourceConfig *source = g_ptr_array_index (show->sources, i);
    if (source->kind != PLENUM_SOURCE_URI || !g_str_has_prefix (source->uri, "file:")) {
      fprintf (stderr, "%s: sources[%u]: render needs file sources; \"%s\" is a %s source\n",
               path, i, source->id, plenum_source_kind_to_string (source->kind));
      ok = FALSE;
    }
  }
  for (guint i = 0; i < show->outputs->len; i++)
    has_record |= ((PlenumOutputConfig *) g_ptr_array_index (show->outputs, i))->kind ==
        PLENUM_OUTPUT_RECORD;
  if (!has_record) {
    fprintf (stderr, "%s: outputs: render needs a record output to write to\n", path);
    ok = FALSE;
  }
  return ok;
}

static int
command_check (const CliOptions *options)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PlenumShow) show = NULL;

  if (!options->rest || !options->rest[1] || options->rest[2]) {
    fprintf (stderr, "plenum check: expected one show file\n\n%s", usage);
    return EXIT_USAGE;
  }
  show = plenum_show_load_file (options->rest[1], problems);
  if (show == NULL) {
    print_problems (problems);
    return EXIT_USAGE;
  }
  printf ("%s: valid (%u sources, %u scenes, %u outputs)\n", options->rest[1], show->sources->len,
          show->scenes->len, show->outputs->len);
  print_warnings (show, stdout);
  return 0;
}

static int
command_run (const CliOptions *options, const char *command)
{
  g_autoptr (PlenumShow) show = NULL;
  PlenumRunOptions run = { .duration_s = options->duration, .quiet = options->quiet };
  gboolean demo = g_str_equal (command, "demo");
  gboolean render = g_str_equal (command, "render");
  guint expected_args = demo ? 1 : 2;

  if (!options->rest || g_strv_length (options->rest) != expected_args) {
    fprintf (stderr, "plenum %s: %s\n\n%s", command,
             demo ? "takes no show file" : "expected one show file", usage);
    return EXIT_USAGE;
  }
  if (demo) {
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *cwd = g_get_current_dir ();
    const char *whisper = g_getenv ("PLENUM_WHISPER_URL");
    g_autofree char *json = plenum_demo_show_json (whisper);
    show = plenum_show_parse (json, cwd, problems);
    if (whisper == NULL || *whisper == '\0')
      fprintf (stderr, "plenum demo: a captioner may connect to 127.0.0.1:9720; set "
               "PLENUM_WHISPER_URL=http://HOST:8080 to caption speech with a whisper.cpp server\n");
    if (show == NULL) {
      print_problems (problems);
      return EXIT_RUNTIME;
    }
  } else {
    show = load_show (options->rest[1]);
    if (show == NULL)
      return EXIT_USAGE;
  }
  if (render && !check_renderable (show, options->rest[1]))
    return EXIT_USAGE;
  if (!render)
    print_warnings (show, stderr);
  run.render = render;
  run.window = !render && want_window (options);
  if (!render && !options->headless && !run.window)
    fprintf (stderr, "plenum: no display (DISPLAY is not set): running headless; the outputs "
             "work as usual, watch the SRT output or use --headless to silence this line\n");
  return plenum_show_run (show, &run);
}

static int
command_archive_or_upload (const CliOptions *options, const char *command)
{
  gboolean upload = g_str_equal (command, "upload");

  if (!options->rest || g_strv_length (options->rest) != 2) {
    fprintf (stderr, "plenum %s: expected one run folder\n\n%s", command, usage);
    return EXIT_USAGE;
  }
  if (!g_file_test (options->rest[1], G_FILE_TEST_IS_DIR)) {
    fprintf (stderr, "plenum %s: %s is not a folder\n", command, options->rest[1]);
    return EXIT_RUNTIME;
  }
  if (!upload)
    return plenum_archive_command (options->rest[1], options->min_coverage);
  if (!options->youtube) {
    fprintf (stderr, "plenum upload: say where to: --youtube (the only platform so far)\n");
    return EXIT_USAGE;
  }
  return plenum_upload_command (options->rest[1]);
}

int
plenum_cli_main (int argc, char **argv)
{
  CliOptions options = { .min_coverage = NAN };
  const char *command;
  int code;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
                    g_str_equal (argv[1], "help"))) {
    fputs (usage, stdout);
    return 0;
  }
  if (argc >= 2 && g_str_equal (argv[1], "--version")) {
    printf ("plenum %s (GStreamer %s)\n", PLENUM_VERSION, gst_version_string ());
    return 0;
  }
  if (argc < 2 || argv[1][0] == '-') {
    fprintf (stderr, "plenum: %s\n\n%s", argc < 2 ? "no command given" : "unknown option", usage);
    return EXIT_USAGE;
  }
  command = argv[1];
  if (!g_strv_contains ((const char *[]) { "demo", "run", "check", "render", "archive", "upload", NULL },
                        command)) {
    fprintf (stderr, "plenum: unknown command \"%s\"\n\n%s", command, usage);
    return EXIT_USAGE;
  }
  if (!parse_options (&argc, &argv, &options, g_str_equal (command, "upload"))) {
    g_strfreev (options.rest);
    return EXIT_USAGE;
  }
  if (g_str_equal (command, "check"))
    code = command_check (&options);
  else if (g_str_equal (command, "archive") || g_str_equal (command, "upload"))
    code = command_archive_or_upload (&options, command);
  else
    code = command_run (&options, command);
  g_strfreev (options.rest);
  return code;
}
