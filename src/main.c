/*
 * main.c: the ocop command, git style: a table of subcommands, options
 * checked centrally (flag, then environment, then default), one-line
 * errors with exit status 2 for bad usage.
 */
#include "app.h"
#include "cmd.h"
#include "core/arena.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "db/writer.h"
#include "domain/criteria.h"
#include "domain/criteria_store.h"
#include "domain/certificate.h"
#include "domain/demo.h"
#include "domain/eval_cache.h"
#include "core/bg.h"
#include "domain/province.h"
#include "domain/reg_import_job.h"
#include "domain/reg_list.h"
#include "domain/report.h"
#include "domain/registration.h"
#include "http/server.h"
#include "render/i18n_tpl.h"
#include "render/template.h"
#include "mail/worker.h"
#include "core/buf.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>

#ifndef OCOP_VERSION
#define OCOP_VERSION "0.1.0"
#endif

struct opts {
	struct app_config cfg;
	bool live;
	bool base_defaulted;
};

struct cmd {
	const char *name;
	int (*fn)(struct opts *o, int argc, char **argv);
	const char *usage;
	const char *help;
	bool own_flags; /* unknown flags are the command's own, passed on */
};

static int cmd_serve(struct opts *o, int argc, char **argv);
static int cmd_migrate(struct opts *o, int argc, char **argv);
static int cmd_demo(struct opts *o, int argc, char **argv);
static int cmd_version(struct opts *o, int argc, char **argv);
static int cmd_help(struct opts *o, int argc, char **argv);
static int cmd_criteria_run(struct opts *o, int argc, char **argv);
static int cmd_admin_run(struct opts *o, int argc, char **argv);
static int cmd_import_run(struct opts *o, int argc, char **argv);
static int cmd_export_run(struct opts *o, int argc, char **argv);
static int cmd_copy_run(struct opts *o, int argc, char **argv);
static int cmd_report_run(struct opts *o, int argc, char **argv);
static int cmd_mail(struct opts *o, int argc, char **argv);
static int cmd_certificates_run(struct opts *o, int argc, char **argv);

static const struct cmd cmds[] = {
	{"serve", cmd_serve, "ocop serve [--db URL] [--listen HOST:PORT] [--base-url URL]",
	 "Serve the web site and the API.  Applies pending migrations first.\n"
	 "Logs one line per request; SIGINT or SIGTERM stop it after the requests in flight."},
	{"migrate", cmd_migrate, "ocop migrate [--db URL]",
	 "Apply the embedded database migrations that are not applied yet."},
	{"demo", cmd_demo, "ocop demo [--db URL] [--live]",
	 "Load the 2021 OCOP training series (slug ocop-2021).  Loading twice changes nothing.\n"
	 "--live also loads it as 'ocop-live', moved so that its first session began an hour "
	 "ago."},
	{"admin", cmd_admin_run, "ocop admin add EMAIL [--role admin|organizer|viewer] | passwd EMAIL | init",
	 "Create a console account (organizer unless --role says otherwise) or reset its\n"
	 "password; the generated password is printed once.  'init' creates admin@ocop.local\n"
	 "when there is no account yet (make run calls it).",
	 true},
	{"mail", cmd_mail, "ocop mail run",
	 "Send every message due in the outbox now, then stop (the server's worker does\n"
	 "this continuously).  Needs OCOP_SMTP_URL; see docs/MAIL.md."},
	{"certificates", cmd_certificates_run,
	 "ocop certificates issue --series SLUG | grant|refuse --series SLUG --email EMAIL "
	 "--reason TEXT | revoke SERIAL --reason TEXT | list --series SLUG --format csv",
	 "Certificates of completion.  'issue' issues to everyone who qualifies and has none\n"
	 "yet (resuming a job a crash left running), with the verification links under\n"
	 "--base-url; 'grant' and 'refuse' decide for one participant by hand (audited);\n"
	 "'revoke' keeps the serial and records why; 'list' prints serial, code, full name,\n"
	 "e-mail, issued at and status as CSV.",
	 true},
	{"criteria", cmd_criteria_run,
	 "ocop criteria list | show --set ID | score --set ID ANSWERS.json | load FILE.json",
	 "The OCOP criteria sets: list the shipped and loaded sets, print one as JSON, score a\n"
	 "product from a file of answers (criterion code -> 1-based option), or validate a set\n"
	 "and store it in the database (--db), where the server finds it at its next start.",
	 true},
	{"copy", cmd_copy_run, "ocop copy --from URL --to URL",
	 "Copy a whole installation into a new database (SQLite to PostgreSQL, or back):\n"
	 "migrates the target, copies every table in one transaction, then compares row\n"
	 "counts and checksums table by table.  Exit status 1 on any difference.",
	 true},
	{"import", cmd_import_run,
	 "ocop import registrations FILE --series SLUG [--json] | zoom FILE --session ID [--yes]",
	 "registrations: import registrations from a CSV file (UTF-8, with or without BOM; comma or semicolon;\n"
	 "a Google Forms export works as it is: columns are found by their headings).  Each\n"
	 "row is checked like the web form; an e-mail already registered merges.  Prints the\n"
	 "report; exit status 1 when some rows were rejected (the others are imported).\n"
	 "zoom: import a Zoom participants or webinar report into a session's attendance\n"
	 "(--yes when the report's date differs from the session's).",
	 true},
	{"export", cmd_export_run,
	 "ocop export registrations|attendance --series SLUG --format csv|xlsx [--output FILE]",
	 "registrations: a series' registrations, sorted by given name (Vietnamese order);\n"
	 "attendance: one row per participant and session (e-mail, name, date, minutes,\n"
	 "source, attended).  CSV (UTF-8 with BOM, for Excel) or XLSX, to FILE or standard\n"
	 "output.",
	 true},
	{"report", cmd_report_run,
	 "ocop report --series SLUG --format pdf|xlsx|json [--output FILE] [--province CODE] "
	 "[--category CODE] [--map-2025]",
	 "The report of a series to send upward: a PDF (cover, summary tables per session and\n"
	 "per province, charts), an XLSX workbook (one sheet per table), or the JSON of every\n"
	 "figure; to FILE or standard output.  --province and --category restrict every figure;\n"
	 "--map-2025 shows a series recorded in the 63 earlier provinces on the 34 current ones.",
	 true},
	{"version", cmd_version, "ocop version", "Print the version."},
	{"help", cmd_help, "ocop help [COMMAND]", "Show the commands, or one command's help."},
};

static const struct cmd *cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

static void usage_all(FILE *f)
{
	fprintf(f, "usage: ocop COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %s\n", cmds[i].usage);
	fprintf(f, "\noptions (also from the environment):\n"
		   "  --db URL            OCOP_DB        SQLite path or sqlite:PATH (default\n"
		   "                                     var/ocop.db), or postgresql://USER:PASS@HOST:PORT/DB\n"
		   "  --db-pool N         OCOP_DB_POOL   read connections per instance (default: threads)\n"
		   "  --listen HOST:PORT  OCOP_LISTEN    (default 127.0.0.1:8080)\n"
		   "  --base-url URL      OCOP_BASE_URL  used in links that leave the site\n"
		   "  --threads N         OCOP_THREADS   server threads (default: cores)\n"
		   "  --quiet                            no access log\n");
}

static int die_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "ocop: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 2;
}

/* Central option parsing: fills o, leaves positional arguments in argv. */
static int parse_opts(struct opts *o, int *argc, char **argv, bool pass_unknown)
{
	int out = 0;

	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (strcmp(a, "--db") == 0)
			slot = &o->cfg.db_url;
		else if (strcmp(a, "--listen") == 0)
			slot = &o->cfg.listen;
		else if (strcmp(a, "--base-url") == 0)
			slot = &o->cfg.base_url;
		if (slot) {
			if (i + 1 >= *argc || !*argv[i + 1])
				return die_usage("option '%s' needs a value", a);
			*slot = argv[++i];
			continue;
		}
		if (strcmp(a, "--threads") == 0 || strcmp(a, "--db-pool") == 0) {
			char *end;
			if (i + 1 >= *argc)
				return die_usage("option '%s' needs a value", a);
			errno = 0;
			long n = strtol(argv[++i], &end, 10);
			if (errno || *end || n < 1 || n > 256)
				return a[2] == 't' ? die_usage("bad value for --threads: '%s'", argv[i])
						   : die_usage("bad value for --db-pool: '%s'", argv[i]);
			*(a[2] == 't' ? &o->cfg.threads : &o->cfg.db_pool) = (unsigned)n;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			o->cfg.quiet = true;
			continue;
		}
		if (strcmp(a, "--live") == 0) {
			o->live = true;
			continue;
		}
		if (a[0] == '-' && a[1] && !pass_unknown)
			return die_usage("unknown option '%s'", a);
		argv[out++] = argv[i];
	}
	*argc = out;
	return 0;
}

static int check_opts(struct opts *o)
{
	const char *b = o->cfg.base_url;

	const char *host = strncmp(b, "http://", 7) == 0    ? b + 7
			   : strncmp(b, "https://", 8) == 0 ? b + 8
							    : NULL;
	if (!host || !*host || *host == '/' || strpbrk(b, " \t\"<>\\") || strlen(b) > 200)
		return die_usage("bad base URL '%s': want http://HOST or https://HOST", b);
	if (strncmp(o->cfg.db_url, "postgres", 8) == 0 &&
	    db_url_backend(o->cfg.db_url) != DB_POSTGRES)
		return die_usage("bad database URL '%s': want postgresql://USER@HOST:PORT/DB",
				 o->cfg.db_url);
	struct sockaddr_in sa;
	char err[256];
	if (server_parse_listen(o->cfg.listen, &sa, err, sizeof(err)) != 0)
		return die_usage("%s", err);
	return 0;
}

static struct db *open_db(struct opts *o, bool migrate)
{
	struct db *db;
	char err[512];

	if (db_open(o->cfg.db_url, &db, err, sizeof(err)) != 0) {
		fprintf(stderr, "ocop: %s\n", err);
		return NULL;
	}
	if (migrate && db_migrate(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		db_close(db);
		return NULL;
	}
	return db;
}

static int cmd_migrate(struct opts *o, int argc, char **argv)
{
	struct db *db;
	char err[512];
	int n;

	(void)argv;
	if (argc > 1)
		return die_usage("migrate takes no arguments, got '%s'", argv[1]);
	if (!(db = open_db(o, false)))
		return 1;
	n = db_migrate(db, err, sizeof(err));
	if (n < 0)
		fprintf(stderr, "ocop: %s\n", err);
	else
		printf("%d migration%s applied, schema version %lld\n", n, n == 1 ? "" : "s",
		       (long long)db_schema_version(db));
	db_close(db);
	return n < 0 ? 1 : 0;
}

static int cmd_demo(struct opts *o, int argc, char **argv)
{
	struct db *db;

	if (argc > 1)
		return die_usage("demo takes no arguments, got '%s'", argv[1]);
	if (!(db = open_db(o, true)))
		return 1;
	int n = demo_load(db, o->live);
	db_close(db);
	if (n < 0) {
		fprintf(stderr, "ocop: cannot load the demo\n");
		return 1;
	}
	printf(n ? "demo loaded: %d series added\n" : "demo already loaded: nothing changed\n",
	       n);
	return 0;
}

static int cmd_criteria_run(struct opts *o, int argc, char **argv)
{
	return cmd_criteria(o->cfg.db_url, argc, argv);
}

static int cmd_import_run(struct opts *o, int argc, char **argv)
{
	return cmd_import(o->cfg.db_url, argc, argv);
}

static int cmd_export_run(struct opts *o, int argc, char **argv)
{
	return cmd_export(o->cfg.db_url, argc, argv);
}

static int cmd_report_run(struct opts *o, int argc, char **argv)
{
	return cmd_report(o->cfg.db_url, argc, argv);
}

static int cmd_certificates_run(struct opts *o, int argc, char **argv)
{
	return cmd_certificates(o->cfg.db_url, o->cfg.base_url, argc, argv);
}

static int cmd_admin_run(struct opts *o, int argc, char **argv)
{
	return cmd_admin(o->cfg.db_url, argc, argv);
}

static int cmd_copy_run(struct opts *o, int argc, char **argv)
{
	(void)o;
	return cmd_copy(argc, argv);
}

static int cmd_mail(struct opts *o, int argc, char **argv)
{
	struct mail_config mc;
	struct dbw *w;
	struct db *db;
	char err[512];
	int sent = 0, failed = 0, retrying = 0;

	if (argc != 2 || strcmp(argv[1], "run") != 0)
		return die_usage("usage: %s", "ocop mail run");
	if (!mail_config_from_env(&mc, err, sizeof(err)))
		return die_usage("%s", err);
	mc.base_url = o->cfg.base_url;
	if (!mc.smtp_url)
		return die_usage("%s", "OCOP_SMTP_URL is not set: mail stays queued");
	if (!(db = open_db(o, true)))
		return 1;
	db_close(db);
	if (!(w = dbw_start(o->cfg.db_url, err, sizeof(err)))) {
		fprintf(stderr, "ocop: %s\n", err);
		return 1;
	}
	int rc = mail_drain(&mc, w, o->cfg.db_url, &sent, &failed, &retrying);
	dbw_stop(w);
	if (rc != 0) {
		fprintf(stderr, "ocop: cannot start sending through '%s'\n", mc.smtp_url);
		return 1;
	}
	printf("%d sent, %d failed, %d to retry later\n", sent, failed, retrying);
	return failed ? 1 : 0;
}

static int cmd_version(struct opts *o, int argc, char **argv)
{
	(void)o;
	(void)argc;
	(void)argv;
	printf("ocop %s\n", OCOP_VERSION);
	return 0;
}

static int cmd_help(struct opts *o, int argc, char **argv)
{
	(void)o;
	if (argc > 1) {
		const struct cmd *c = cmd_find(argv[1]);
		if (!c)
			return die_usage("no such command '%s'", argv[1]);
		printf("usage: %s\n\n%s\n", c->usage, c->help);
		return 0;
	}
	usage_all(stdout);
	return 0;
}

/* The CSRF key is shared by every instance through the database. */
static int load_csrf_key(struct db *db, unsigned char key[32])
{
	struct db_stmt *st = db_prepare(db, "SELECT value FROM settings WHERE key = 'csrf_key'");
	char hex[65];

	if (!st)
		return -1;
	if (db_step(st) == DB_ROW && db_col_len(st, 0) == 64) {
		size_t len;
		int rc = sodium_hex2bin(key, 32, db_col_text(st, 0), 64, NULL, &len, NULL);
		db_done(st);
		return rc == 0 && len == 32 ? 0 : -1;
	}
	db_done(st);
	randombytes_buf(key, 32);
	sodium_bin2hex(hex, sizeof(hex), key, 32);
	st = db_prepare(db, "INSERT INTO settings (key, value) VALUES ('csrf_key', $1) "
			    "ON CONFLICT (key) DO NOTHING");
	if (!st)
		return -1;
	db_bind_text(st, 1, hex);
	if (db_run(st) != DB_OK)
		return -1;
	return load_csrf_key(db, key); /* another instance may have won */
}

/* Compiles every embedded template; names drop "templates/" and ".html". */
static struct tpl_set *load_templates(void)
{
	struct tpl_set *set = tpl_set_new();
	char err[512] = "unclosed {{_ mark";

	for (size_t i = 0; i < embed_count; i++) {
		const struct embed *e = &embed_files[i];
		char name[128];
		size_t n;

		if (strncmp(e->name, "templates/", 10) != 0)
			continue;
		/* "x.html" is template "x"; other files keep their name ("x.txt"). */
		n = strlen(e->name + 10);
		if (n >= sizeof(name))
			continue;
		memcpy(name, e->name + 10, n + 1);
		if (n > 5 && strcmp(name + n - 5, ".html") == 0)
			name[n - 5] = 0;
		struct buf src;
		buf_init(&src, 0);
		if (i18n_tpl_expand((const char *)e->data, e->len, &src) != 0 ||
		    tpl_set_add(set, name, src.p, src.len, err, sizeof(err)) != 0) {
			buf_release(&src);
			fprintf(stderr, "ocop: template %s: %s\n", e->name, err);
			tpl_set_free(set);
			return NULL;
		}
		buf_release(&src);
	}
	if (tpl_set_check(set, err, sizeof(err)) != 0) {
		fprintf(stderr, "ocop: templates: %s\n", err);
		tpl_set_free(set);
		return NULL;
	}
	return set;
}

/* The shipped criteria sets, then the ones stored by `ocop criteria load`. */
static struct criteria_registry *load_criteria(struct db *db)
{
	struct criteria_registry *reg = xcalloc(1, sizeof(*reg));
	char err[512];
	int n;

	if (criteria_registry_init(reg, err, sizeof(err)) != 0) {
		fprintf(stderr, "ocop: shipped criteria are broken: %s\n", err);
		free(reg);
		return NULL;
	}
	if ((n = criteria_store_load(db, reg)) < 0) {
		fprintf(stderr, "ocop: cannot read stored criteria sets: %s\n", db_errmsg(db));
		criteria_registry_release(reg);
		free(reg);
		return NULL;
	}
	return reg;
}

static void free_criteria(struct criteria_registry *reg)
{
	if (reg)
		criteria_registry_release(reg);
	free(reg);
}

static int cmd_serve(struct opts *o, int argc, char **argv)
{
	struct app app = {.cfg = o->cfg};
	struct server *srv;
	struct db *db;
	char err[512];
	sigset_t sigs;
	int sig;

	char base[320];
	unsigned port;

	if (argc > 1)
		return die_usage("serve takes no arguments, got '%s'", argv[1]);
	/* Bind first: a bad or busy address stops before any file is made. */
	app.listen_fd = server_listen(o->cfg.listen, &port, err, sizeof(err));
	if (app.listen_fd < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		return app.listen_fd == -2 ? 2 : 1;
	}
	if (o->base_defaulted) {
		snprintf(base, sizeof(base), "http://%.*s:%u",
			 (int)(strrchr(o->cfg.listen, ':') - o->cfg.listen), o->cfg.listen, port);
		app.cfg.base_url = base;
	}
	if (!(db = open_db(o, true)))
		return 1;
	/* Imports of a previous run cannot be running any more. */
	if (province_load(db) != 0 || load_csrf_key(db, app.csrf_key) != 0 ||
	    reg_import_job_abandon(db, NULL) != DB_OK) {
		fprintf(stderr, "ocop: cannot read reference data from '%s'\n", o->cfg.db_url);
		db_close(db);
		return 1;
	}
	app.criteria = load_criteria(db);
	db_close(db);
	if (!app.criteria)
		return 1;
	if (!(app.tpl = load_templates())) {
		free_criteria(app.criteria);
		return 1;
	}
	app.secure_cookies = strncmp(o->cfg.base_url, "https://", 8) == 0;
	if (mail_config_from_env(&app.mail, err, sizeof(err)))
		app.mail.base_url = app.cfg.base_url;
	else {
		fprintf(stderr, "ocop: %s\n", err);
		tpl_set_free(app.tpl);
		free_criteria(app.criteria);
		return 2;
	}
	app.evals = eval_cache_new();
	log_set_access(!o->cfg.quiet);

	/* Signals go to this thread alone, through sigwait. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!(app.writer = dbw_start(o->cfg.db_url, err, sizeof(err)))) {
		fprintf(stderr, "ocop: %s\n", err);
		tpl_set_free(app.tpl);
		free_criteria(app.criteria);
		return 1;
	}
	dbw_before_commit(app.writer, reg_fts_flush);
	app.bg = bg_new();
	app.reg_counts = reg_counts_cache_new();
	/* OCOP_REPORT_REFRESH: seconds between counts of a changing series on
	 * the dashboard (tests set 0). */
	const char *refresh = getenv("OCOP_REPORT_REFRESH");
	app.reports = report_cache_new(o->cfg.db_url, refresh && *refresh >= '0' && *refresh <= '9'
							      ? (int)strtol(refresh, NULL, 10)
							      : REPORT_REFRESH_MIN);
	/* Two rendering threads: the rest of the machine keeps serving. */
	app.certs = cert_runner_start(o->cfg.db_url, app.writer, 2);
	if (!(srv = server_start(&app, err, sizeof(err)))) {
		fprintf(stderr, "ocop: %s\n", err);
		cert_runner_stop(app.certs);
		bg_stop(app.bg);
		reg_counts_cache_free(app.reg_counts);
		report_cache_free(app.reports);
		dbw_stop(app.writer);
		tpl_set_free(app.tpl);
		free_criteria(app.criteria);
		return 1;
	}
	struct mail_worker *mailer = mail_worker_start(&app.mail, app.writer, o->cfg.db_url);
	log_info("ocop %s listening on http://%.*s:%u/ (database %s; mail %s)", OCOP_VERSION,
		 (int)(strrchr(o->cfg.listen, ':') - o->cfg.listen), o->cfg.listen, port,
		 o->cfg.db_url, mailer ? "sending" : "queued: OCOP_SMTP_URL not set");
	sigwait(&sigs, &sig);
	log_info("%s: finishing requests in flight", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(srv);
	mail_worker_stop(mailer);
	bg_stop(app.bg); /* imports write through the writer: stop them first */
	reg_counts_cache_free(app.reg_counts);
	report_cache_free(app.reports);
	cert_runner_stop(app.certs);
	dbw_stop(app.writer);
	tpl_set_free(app.tpl);
	eval_cache_free(app.evals);
	free_criteria(app.criteria);
	log_info("stopped");
	return 0;
}

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	const struct cmd *c;

	setlocale(LC_ALL, "");
	bindtextdomain("ocop", LOCALEDIR);
	textdomain("ocop");
	if (sodium_init() < 0) {
		fprintf(stderr, "ocop: cannot initialise libsodium\n");
		return 1;
	}
	o.cfg.db_url = env_or("OCOP_DB", "var/ocop.db");
	o.cfg.listen = env_or("OCOP_LISTEN", "127.0.0.1:8080");
	o.cfg.base_url = env_or("OCOP_BASE_URL", NULL);
	const char *upmax = env_or("OCOP_UPLOAD_MAX", NULL);
	o.cfg.upload_max = upmax ? (size_t)strtoull(upmax, NULL, 10) : 50u << 20;
	if (o.cfg.upload_max < 1024 || o.cfg.upload_max > (1u << 30)) {
		fprintf(stderr, "ocop: bad OCOP_UPLOAD_MAX '%s': want bytes, 1 KB to 1 GB\n",
			upmax ? upmax : "");
		return 2;
	}
	const char *threads = env_or("OCOP_THREADS", NULL);
	o.cfg.threads = threads ? (unsigned)strtoul(threads, NULL, 10) : 0;
	const char *pool = env_or("OCOP_DB_POOL", NULL);
	o.cfg.db_pool = pool ? (unsigned)strtoul(pool, NULL, 10) : 0;
	if (o.cfg.db_pool > 256) {
		fprintf(stderr, "ocop: bad OCOP_DB_POOL '%s': want 1 to 256\n", pool);
		return 2;
	}
	argc--;
	argv++;
	/* The command is the first word that is not a global option or its value. */
	const char *name = NULL;
	for (int i = 0; i < argc && !name; i++) {
		if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--listen") == 0 ||
		    strcmp(argv[i], "--base-url") == 0 || strcmp(argv[i], "--threads") == 0 ||
		    strcmp(argv[i], "--db-pool") == 0)
			i++;
		else if (argv[i][0] != '-')
			name = argv[i];
	}
	c = name ? cmd_find(name) : NULL;
	if (parse_opts(&o, &argc, argv, c && c->own_flags) != 0)
		return 2;
	if (!name) {
		usage_all(stderr);
		return 2;
	}
	if (!c)
		return die_usage("'%s' is not a command; see 'ocop help'", name);
	char base[300];
	if (!o.cfg.base_url) {
		snprintf(base, sizeof(base), "http://%s", o.cfg.listen);
		o.cfg.base_url = base;
		o.base_defaulted = true;
	}
	if (o.cfg.threads == 0 || o.cfg.threads > 256) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		o.cfg.threads = n > 0 && n < 64 ? (unsigned)n : 2;
	}
	if (check_opts(&o) != 0)
		return 2;
	return c->fn(&o, argc, argv);
}
