/*
 * zoom_shape.c: what each record of a Zoom report is, and so which shape the
 * report has (see zoom.h).  Records arrive whole from zoom.c; participant
 * rows are passed on to zoom_row.c.
 *
 * A small state machine, driven by column names, never positions:
 *
 *   scan --"Topic,..,ID" header--> block values --> scan
 *   scan --participant header--> data --section title--> header --> data
 *
 * Before the first participant header every record is a clue (the
 * "Attendee Report" line, the meeting block).  After ZOOM_SCAN_RECORDS
 * records without a header the file is not a Zoom report, and the error
 * names the required columns that the most header-like record lacked.  A
 * webinar section whose header is unusable is skipped with a warning, so one
 * odd section does not cost the others.
 */
#include "domain/zoom_int.h"

#include <stdio.h>
#include <string.h>

static const struct zoom_alias part_aliases[] = {
    {"name (original name)", ZC_NAME},
    {"user name (original name)", ZC_NAME},
    {"name", ZC_NAME},
    {"user name", ZC_NAME},
    {"first name", ZC_FIRST},
    {"last name", ZC_LAST},
    {"user email", ZC_EMAIL},
    {"email", ZC_EMAIL},
    {"email address", ZC_EMAIL},
    {"join time", ZC_JOIN},
    {"leave time", ZC_LEAVE},
    {"duration (minutes)", ZC_DURATION},
    {"time in session (minutes)", ZC_DURATION},
    {"total duration (minutes)", ZC_TOTAL},
    {"guest", ZC_GUEST},
    {"is guest", ZC_GUEST},
    {"attended", ZC_ATTENDED},
    {"in waiting room", ZC_WAITING},
    {"time zone", ZC_TZ},
    {"timezone", ZC_TZ},
    {NULL, 0},
};

static const struct zoom_alias block_aliases[] = {
    {"topic", ZB_TOPIC},
    {"meeting id", ZB_ID},
    {"id", ZB_ID},
    {"webinar id", ZB_ID},
    {"start time", ZB_START},
    {"actual start time", ZB_START},
    {"end time", ZB_END},
    {"duration (minutes)", ZB_DURATION},
    {"actual duration (minutes)", ZB_DURATION},
    {"participants", ZB_PARTICIPANTS},
    {"time zone", ZB_TZ},
    {"timezone", ZB_TZ},
    {NULL, 0},
};

static const struct {
	const char *canon, *title;
	enum zoom_section section;
} sections[] = {
    {"host details", "Host Details", ZOOM_SECTION_HOST},
    {"panelist details", "Panelist Details", ZOOM_SECTION_PANELIST},
    {"attendee details", "Attendee Details", ZOOM_SECTION_ATTENDEE},
    {"other attended", "Other Attended", ZOOM_SECTION_OTHER},
};

/* Header text to its canonical form: lower case, single blanks. */
static void canon(struct zoom_str s, char *out, size_t out_len)
{
	size_t i, n = 0;

	out[0] = 0;
	for (i = 0; i < s.len; i++) {
		char c = s.p[i];

		if (c == ' ' || c == '\t') {
			if (n && out[n - 1] == ' ')
				continue;
			c = ' ';
		}
		if (n + 1 >= out_len) {
			out[0] = 0; /* too long to be a known name */
			return;
		}
		out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = 0;
}

static int alias_find(const struct zoom_alias *t, struct zoom_str s, const char **name)
{
	char c[64];

	canon(s, c, sizeof c);
	for (; t->name; t++)
		if (!strcmp(c, t->name)) {
			if (name)
				*name = t->name;
			return t->col;
		}
	return -1;
}

/* Maps the record's columns through t into col[]; returns how many matched. */
static int map_columns(const struct zoom *z, const struct zoom_alias *t, int *col, int ncol,
                       bool *has_user_email)
{
	const char *name;
	int i, c, hits = 0;

	for (i = 0; i < ncol; i++)
		col[i] = -1;
	for (i = 0; i < (int)z->nf; i++) {
		c = alias_find(t, zoom_field(z, (size_t)i), &name);
		if (c < 0 || col[c] >= 0)
			continue;
		col[c] = i;
		hits++;
		if (has_user_email && !strcmp(name, "user email"))
			*has_user_email = true;
	}
	return hits;
}

static bool is_section_title(const struct zoom *z, enum zoom_section *sec)
{
	char c[64];
	size_t i;

	for (i = 1; i < z->nf; i++)
		if (zoom_field(z, i).len)
			return false;
	canon(zoom_field(z, 0), c, sizeof c);
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (!strcmp(c, sections[i].canon)) {
			*sec = sections[i].section;
			return true;
		}
	return false;
}

static const char *section_title(enum zoom_section sec)
{
	size_t i;

	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (sections[i].section == sec)
			return sections[i].title;
	return "participants";
}

/* Writes the names of the missing required columns; empty when none. */
static void missing_columns(const int *col, char *out, size_t out_len)
{
	out[0] = 0;
	if (col[ZC_NAME] < 0 && col[ZC_FIRST] < 0)
		snprintf(out + strlen(out), out_len - strlen(out), "Name (Original Name), ");
	if (col[ZC_EMAIL] < 0)
		snprintf(out + strlen(out), out_len - strlen(out), "Email, ");
	if (col[ZC_TOTAL] < 0 || col[ZC_JOIN] >= 0) {
		if (col[ZC_JOIN] < 0)
			snprintf(out + strlen(out), out_len - strlen(out), "Join Time, ");
		if (col[ZC_LEAVE] < 0)
			snprintf(out + strlen(out), out_len - strlen(out), "Leave Time, ");
	}
	if (out[0])
		out[strlen(out) - 2] = 0;
}

/*
 * 1: a usable participant header, now mapped; 0: not a header; -1: a header
 * lacking required columns, named in missing.
 */
static int try_header(struct zoom *z, char *missing, size_t missing_len)
{
	int col[ZC__COUNT], hits;
	bool user_email = false;

	missing[0] = 0;
	hits = map_columns(z, part_aliases, col, ZC__COUNT, &user_email);
	if (hits < 2 ||
	    (col[ZC_JOIN] < 0 && col[ZC_TOTAL] < 0 && col[ZC_ATTENDED] < 0 && col[ZC_NAME] < 0))
		return 0;
	missing_columns(col, missing, missing_len);
	if (missing[0]) {
		if (hits > z->missing_hits) {
			z->missing_hits = hits;
			snprintf(z->missing, sizeof z->missing, "%s", missing);
		}
		return -1;
	}
	memcpy(z->col, col, sizeof col);
	if (!z->has_header) {
		if (col[ZC_ATTENDED] >= 0 || z->is_webinar)
			z->m.shape = ZOOM_SHAPE_WEBINAR;
		else if (user_email || z->block_old)
			z->m.shape = ZOOM_SHAPE_MEETING_OLD;
		else
			z->m.shape = ZOOM_SHAPE_MEETING_NEW;
		z->m.is_unique = col[ZC_JOIN] < 0;
	}
	return 1;
}

static void fail_not_zoom(struct zoom *z)
{
	zoom_fail(
	    z, ZOOM_K_NOT_ZOOM, 0, "tệp không phải báo cáo người tham gia của Zoom, thiếu cột: %s",
	    z->missing[0] ? z->missing : "Name (Original Name), Email, Join Time, Leave Time");
}

void zoom_shape_finish(struct zoom *z)
{
	if (!z->failed && !z->has_header)
		fail_not_zoom(z);
}

/* A bad time in the meeting block only costs the date check: a warning. */
static int block_time(struct zoom *z, enum zoom_bcol c, size_t line, const char *label, int64_t *t)
{
	struct zoom_str s = zoom_field(z, z->bcol[c] >= 0 ? (size_t)z->bcol[c] : SIZE_MAX);
	int r = zoom_time_field(s, z->m.tz_offset, t);

	if (r < 0)
		zoom_report(z, ZOOM_K_TIME_FORMAT, ZOOM_WARN, line,
		            "không hiểu thời gian '%.*s' ở cột %s của thông tin cuộc họp",
		            (int)s.len, s.p, label);
	return r;
}

static void block_values(struct zoom *z, size_t line)
{
	struct zoom_meeting *m = &z->m;
	struct zoom_str s;
	int64_t t;

	if (z->bcol[ZB_TZ] >= 0) {
		s = zoom_field(z, (size_t)z->bcol[ZB_TZ]);
		if (s.len && zoom_time_parse_tz(s.p, s.len, &m->tz_offset) < 0)
			zoom_report(z, ZOOM_K_TIMEZONE, ZOOM_WARN, line,
			            "không hiểu múi giờ '%.*s', dùng múi giờ của buổi học",
			            (int)s.len, s.p);
	}
	if (z->bcol[ZB_TOPIC] >= 0)
		zoom_copy_text(z, zoom_field(z, (size_t)z->bcol[ZB_TOPIC]), m->topic,
		               sizeof m->topic);
	if (z->bcol[ZB_ID] >= 0)
		zoom_copy_id(zoom_field(z, (size_t)z->bcol[ZB_ID]), m->id, sizeof m->id);
	if (z->bcol[ZB_DURATION] >= 0)
		zoom_parse_int(zoom_field(z, (size_t)z->bcol[ZB_DURATION]), &m->duration_min);
	if (z->bcol[ZB_PARTICIPANTS] >= 0)
		zoom_parse_int(zoom_field(z, (size_t)z->bcol[ZB_PARTICIPANTS]), &m->participants);
	if (block_time(z, ZB_START, line, "Start Time", &t) == 1)
		m->start = t;
	if (block_time(z, ZB_END, line, "End Time", &t) == 1)
		m->end = t;
	else if (m->start && m->duration_min >= 0)
		m->end = m->start + (int64_t)m->duration_min * 60;
}

void zoom_shape_record(struct zoom *z, size_t line)
{
	enum zoom_section sec;
	char c[64], missing[sizeof z->missing];
	int r;

	if (is_section_title(z, &sec)) {
		z->section = sec;
		z->is_webinar = true;
		z->state = ZS_HEADER;
		return;
	}
	if (z->state == ZS_BLOCK) {
		block_values(z, line);
		z->state = ZS_SCAN;
		return;
	}
	if (!z->has_header) {
		canon(zoom_field(z, 0), c, sizeof c);
		if (!strcmp(c, "attendee report"))
			z->is_webinar = true;
		if (map_columns(z, block_aliases, z->bcol, ZB__COUNT, NULL) >= 2 &&
		    z->bcol[ZB_TOPIC] >= 0 && z->bcol[ZB_ID] >= 0) {
			z->block_old = !strcmp(c, "meeting id");
			z->state = ZS_BLOCK;
			return;
		}
	}
	/* In data, only a record opening with a column name can be a header. */
	if (z->state != ZS_DATA || alias_find(part_aliases, zoom_field(z, 0), NULL) >= 0) {
		r = try_header(z, missing, sizeof missing);
		if (r == 1) {
			if (!z->has_header && z->o.begin)
				z->o.begin(&z->m, z->o.arg);
			z->has_header = true;
			z->state = ZS_DATA;
			return;
		}
		if (z->state == ZS_HEADER) {
			/* one bad webinar section must not cost the others */
			zoom_report(z, ZOOM_K_SECTION_SKIPPED, ZOOM_WARN, line,
			            "bỏ qua phần '%s': không có dòng tiêu đề dùng được%s%s",
			            section_title(z->section), r < 0 ? ", thiếu cột: " : "",
			            missing);
			z->state = ZS_SKIP;
			return;
		}
		if (z->state == ZS_SKIP)
			return;
		if (!z->has_header) {
			if (++z->scanned >= ZOOM_SCAN_RECORDS)
				fail_not_zoom(z);
			return;
		}
	}
	if (z->state == ZS_DATA)
		zoom_row_parse(z, line);
}
