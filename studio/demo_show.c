#include "studio/demo_show.h"

#include <cjson/cJSON.h>

static const char *
demo_json (void)
{
  return "{\n"
      "  \"name\": \"Plenum-Demo: Ratssitzung\",\n"
      "  \"video\": { \"width\": 1280, \"height\": 720, \"fps\": 30, \"bitrate_kbps\": 4500, \"keyframe_s\": 2 },\n"
      "  \"audio\": { \"rate\": 48000, \"channels\": 2, \"bitrate_kbps\": 128 },\n"
      "  \"sources\": [\n"
      "    { \"id\": \"cam1\", \"label\": \"Kamera 1 – Plenum\", \"kind\": \"test\", \"pattern\": \"smpte\", \"tone_hz\": 440 },\n"
      "    { \"id\": \"cam2\", \"label\": \"Kamera 2 – Rednerpult\", \"kind\": \"test\", \"pattern\": \"ball\", \"tone_hz\": 660 },\n"
      "    { \"id\": \"dgs\", \"label\": \"Gebärdensprache\", \"kind\": \"test\", \"pattern\": \"pinwheel\",\n"
      "      \"text\": \"Dolmetscherin (DGS)\", \"tone_hz\": 0 }\n"
      "  ],\n"
      "  \"interpreter\": { \"source\": \"dgs\", \"corner\": \"bottom-right\", \"height_pct\": 40, \"margin_pct\": 3 },\n"
      "  \"scenes\": [\n"
      "    { \"id\": \"plenum\", \"main\": \"cam1\" },\n"
      "    { \"id\": \"rednerpult\", \"main\": \"cam2\", \"inset\": \"cam1\" }\n"
      "  ],\n"
      "  \"start_scene\": \"plenum\",\n"
      "  \"scene_rotation_s\": 10,\n"
      "  \"captions\": { \"burn_in\": true, \"cea608\": true, \"archive\": [\"vtt\", \"srt\"],\n"
      "                \"inputs\": [ { \"kind\": \"tcp\", \"listen\": \"127.0.0.1:9720\" }@WHISPER@ ],\n"
      "                \"demo_text\": \"Live-Untertitel: Willkommen zur Ratssitzung\" },\n"
      "  \"outputs\": [\n"
      "    { \"id\": \"relay\", \"kind\": \"srt\", \"uri\": \"srt://127.0.0.1:9710?mode=listener\" },\n"
      "    { \"id\": \"archive\", \"kind\": \"record\", \"dir\": \"recordings\" }\n"
      "  ],\n"
      "  \"questions\": { \"form\": { \"listen\": \"127.0.0.1:9730\" } },\n"
      "  \"agenda\": [ \"TOP 1 Eröffnung und Begrüßung\", \"TOP 2 Haushalt 2027\",\n"
      "              \"TOP 3 Fragen der Bürgerinnen und Bürger\" ]\n"
      "}\n";
}

char *
plenum_demo_show_json (const char *whisper_url)
{
  g_autofree char *input = NULL;
  g_auto (GStrv) parts = g_strsplit (demo_json (), "@WHISPER@", 2);

  if (whisper_url && *whisper_url) {
    /* Quoted by cJSON: the URL comes from the environment, not from us. */
    cJSON *url = cJSON_CreateString (whisper_url);
    char *quoted = cJSON_PrintUnformatted (url);
    input = g_strdup_printf (",\n                  { \"kind\": \"asr\", \"engine\": \"whisper-server\", "
                             "\"url\": %s, \"language\": \"de\", \"source\": \"cam1\" }", quoted);
    cJSON_free (quoted);
    cJSON_Delete (url);
  }
  return g_strconcat (parts[0], input ? input : "", parts[1], NULL);
}
