/*
 * cmd.h: subcommands that live in their own files (src/cmd_*.c).  Each
 * takes the command's own words, argv[0] being the command name, and
 * returns the exit status (2 for bad usage or input).
 */
#ifndef OCOP_CMD_H
#define OCOP_CMD_H

/* Takes the database URL from the global options: stored sets live there. */
int cmd_criteria(const char *db_url, int argc, char **argv);
/* Takes the database URL from the global options. */
int cmd_admin(const char *db_url, int argc, char **argv);
int cmd_import(const char *db_url, int argc, char **argv);
int cmd_export(const char *db_url, int argc, char **argv);
/* ocop report; see cmd_report.c. */
int cmd_report(const char *db_url, int argc, char **argv);

/* cmd_attendance.c */
int cmd_import_zoom(const char *db_url, int argc, char **argv);
int cmd_export_attendance(const char *db_url, int argc, char **argv);
/* ocop copy --from URL --to URL; see cmd_copy.c. */
int cmd_copy(int argc, char **argv);

/* cmd_certificates.c: issue, grant, refuse, revoke, list.  base_url is
 * frozen into the certificates' verification links. */
int cmd_certificates(const char *db_url, const char *base_url, int argc, char **argv);

#endif
