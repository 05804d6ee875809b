/*
 * ocop_result_view.c: the view model of a scored self-assessment (see
 * ocop_view.h), shared by the result page, the public demo and the PDF.
 * Builds on criteria_result_to_json() and adds what people read: the
 * criterion titles and the chosen options' wording, the outcome in words,
 * the blockers as sentences, the efforts named, the dossier checklist.
 */
#include "web/ocop_view.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/province.h"
#include "http/req.h"

#include <string.h>

#define FIXES_SHOWN 10

const char *ocop_view_stars(int stars)
{
	static const char *const s[] = {"☆☆☆☆☆", "★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★"};

	return s[stars < 0 ? 0 : stars > 5 ? 5 : stars];
}

static const char *effort_name(int effort)
{
	return effort <= 1   ? _("giấy tờ, thủ tục")
	       : effort == 2 ? _("tổ chức, chi phí vừa phải")
	                     : _("cần đầu tư");
}

static json_t *rows_json(struct req *r, const struct criteria_set *s,
                         const struct criteria_result *res, size_t part)
{
	json_t *rows = json_array();

	(void)r;
	for (size_t i = 0; i < s->n_items; i++) {
		const struct criteria_item *it = &s->items[i];
		int c = res->choice[i];
		bool applies = res->is_applicable[i];

		if (it->part != part)
			continue;
		json_array_append_new(
		    rows, json_pack("{s:s, s:s, s:s, s:i, s:i, s:b}", "code", it->code, "title",
		                    it->title, "chosen",
		                    !applies ? _("Không áp dụng")
		                    : c > 0  ? it->options[c - 1].label
		                             : _("Chưa trả lời (đã dừng đánh giá)"),
		                    "points", applies && c > 0 ? it->options[c - 1].points : 0,
		                    "max", it->max, "not_applicable", !applies));
	}
	return rows;
}

static json_t *blockers_json(struct req *r, const struct criteria_set *s,
                             const struct criteria_result *res)
{
	json_t *arr = json_array();

	for (size_t b = 0; b < res->n_blocks; b++) {
		const struct criteria_block *bl = &res->blocks[b];
		const struct criteria_item *it = &s->items[bl->item];
		int c = res->choice[bl->item];
		const char *text;

		if (bl->kind == CRITERIA_BLOCK_KNOCKOUT)
			text = arena_printf(&r->arena, "%s", bl->reason);
		else
			text = arena_printf(
			    &r->arena, _("cần ít nhất %d điểm để đạt %d sao, hiện có %d điểm"),
			    bl->min_points, bl->stars, c > 0 ? it->options[c - 1].points : 0);
		json_array_append_new(
		    arr,
		    json_pack("{s:s, s:s, s:s, s:b, s:b}", "code", it->code, "title", it->title,
		              "text", text, "knockout", bl->kind == CRITERIA_BLOCK_KNOCKOUT,
		              "capping", bl->kind == CRITERIA_BLOCK_KNOCKOUT || bl->is_capping));
	}
	return arr;
}

static json_t *fixes_json(const struct criteria_set *s, const struct criteria_result *res)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < res->n_fixes && k < FIXES_SHOWN; k++) {
		const struct criteria_fix *fx = &res->fixes[k];
		const struct criteria_item *it = &s->items[fx->item];
		json_t *ev = json_array();

		for (size_t e = 0; e < it->n_evidence; e++)
			json_array_append_new(ev, json_string(it->evidence[e]));
		json_array_append_new(arr,
		                      json_pack("{s:i, s:s, s:s, s:s, s:s, s:i, s:s, s:b, s:o}",
		                                "rank", (int)k + 1, "code", it->code, "title",
		                                it->title, "from", it->options[fx->from - 1].label,
		                                "to", it->options[fx->to - 1].label, "gain",
		                                fx->gain, "effort", effort_name(fx->effort),
		                                "unblocks", fx->unblocks, "evidence", ev));
	}
	return arr;
}

static json_t *dossier_json(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                            int *have)
{
	size_t n;
	const char **docs = ocop_dossier_list(&r->arena, s, &n);
	json_t *arr = json_array();

	*have = 0;
	for (size_t k = 0; k < n; k++) {
		bool has = k < f->n_docs && f->has_doc[k];

		*have += has;
		json_array_append_new(arr, json_pack("{s:i, s:s, s:b}", "n", (int)k + 1, "label",
		                                     docs[k], "has", has));
	}
	return arr;
}

static const char *outcome_text(struct req *r, const struct criteria_result *res)
{
	switch (res->outcome) {
	case CRITERIA_ELIMINATED:
		return _("Sản phẩm bị loại: không được xếp hạng");
	case CRITERIA_STOPPED:
		return _("Dừng đánh giá: sản phẩm chưa được xếp hạng");
	case CRITERIA_RATED:
		break;
	}
	if (res->stars < res->band_stars)
		return arena_printf(&r->arena,
		                    _("Dự kiến đạt %d sao (điểm đủ %d sao nhưng bị giới hạn)"),
		                    res->stars, res->band_stars);
	return arena_printf(&r->arena, _("Dự kiến đạt %d sao"), res->stars);
}

json_t *ocop_view_result(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                         const struct criteria_result *res, int64_t date)
{
	json_t *parts = json_array();
	const struct province *p = province_find(f->province_code ? f->province_code : "");
	char d[32];
	int have;

	for (size_t k = 0; k < s->n_parts; k++)
		json_array_append_new(
		    parts, json_pack("{s:s, s:s, s:i, s:i, s:o}", "code", s->parts[k].code, "title",
		                     s->parts[k].title, "points", res->part_points[k], "max",
		                     s->parts[k].max, "rows", rows_json(r, s, res, k)));
	json_t *dossier = dossier_json(r, s, f, &have);
	size_t n_docs = json_array_size(dossier);
	json_t *fixes = fixes_json(s, res);
	json_t *ctx = json_pack(
	    "{s:{s:s, s:s, s:s, s:s, s:i}, s:{s:s, s:s, s:s, s:s}, s:o, s:i, s:i, s:i, s:s, s:s, "
	    "s:b, s:b, s:o, s:o, s:o, s:i, s:i, s:i, s:s}",
	    "set", "id", s->id, "title", s->title, "legal_basis", s->legal_basis, "product_set",
	    s->product_set, "version", s->version, "product", "name", f->product_name, "set",
	    f->product_set && *f->product_set ? f->product_set : s->product_set, "producer",
	    f->producer ? f->producer : "", "province", p ? p->name : "", "parts", parts, "total",
	    res->total, "max", CRITERIA_TOTAL, "stars", res->stars, "stars_text",
	    ocop_view_stars(res->stars), "outcome", outcome_text(r, res), "rated",
	    res->outcome == CRITERIA_RATED, "certifiable", res->is_certifiable, "blockers",
	    blockers_json(r, s, res), "fixes", fixes, "dossier", dossier, "docs_have", have,
	    "docs_missing", (int)n_docs - have, "docs_count", (int)n_docs, "date",
	    vtime_date(d, sizeof(d), date));
	if (res->n_fixes > FIXES_SHOWN)
		json_object_set_new(ctx, "more_fixes",
		                    json_integer((json_int_t)res->n_fixes - FIXES_SHOWN));
	return ctx;
}
