/* plenum — the program: initialise GStreamer and hand over to the command line. */
#include <gst/gst.h>
#include "studio/cli.h"

int
main (int argc, char **argv)
{
  int code;

  gst_init (NULL, NULL);
  code = plenum_cli_main (argc, argv);
  gst_deinit ();
  return code;
}
