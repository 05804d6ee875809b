/*
 * test_template.c: unit tests for src/render/template.c.  Table-driven
 * render cases (escaping, raw output, sections, lookup, standalone lines),
 * compile errors with their line numbers, partials and the recursion cap,
 * hostile bytes (invalid UTF-8, NUL, very long input), the output cap, the
 * raw-output listing, and concurrent renders from one set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/template.h"

/* Adds a template given as a string literal. */
#define TEST_ADD(set, name, lit) tpl_set_add(set, name, lit, sizeof(lit) - 1, err, sizeof(err))

static json_t *test_json(const char *text)
{
	json_error_t e;
	json_t *v = json_loads(text ? text : "null", JSON_DECODE_ANY, &e);

	if (!v)
		fail_msg("bad test json '%s': %s", text, e.text);
	return v;
}

/* Compiles one template "t" and renders it; returns tpl_render()'s result. */
static int test_render(const char *src, size_t len, json_t *ctx, struct buf *out)
{
	struct tpl_set *set = tpl_set_new();
	char err[256] = "";
	int rc;

	if (tpl_set_add(set, "t", src, len, err, sizeof(err)) < 0)
		fail_msg("compile '%s': %s", src, err);
	assert_int_equal(tpl_set_check(set, err, sizeof(err)), 0);
	rc = tpl_render(set, "t", ctx, out);
	tpl_set_free(set);
	return rc;
}

struct render_case {
	const char *tpl, *json, *want;
};

static const struct render_case render_cases[] = {
    {"", "{}", ""},
    {"plain text", NULL, "plain text"},
    {"{ {x} }} {", "{\"x\":1}", "{ {x} }} {"},
    /* escaping */
    {"{{x}}", "{\"x\":\"\\\"'<>&\"}", "&quot;&#39;&lt;&gt;&amp;"},
    {"{{ x }}", "{\"x\":\"<script>\"}", "&lt;script&gt;"},
    {"{{{x}}}", "{\"x\":\"\\\"'<>&\"}", "\"'<>&"},
    {"{{& x}}", "{\"x\":\"<b>\"}", "<b>"},
    {"{{{ x }}}", "{\"x\":\"<b>\"}", "<b>"},
    {"<{{x}}>", "{\"x\":\"{{y}}\",\"y\":\"no\"}", "<{{y}}>"},
    /* scalars */
    {"{{n}}|{{m}}|{{r}}", "{\"n\":42,\"m\":-7,\"r\":1.5}", "42|-7|1.5"},
    {"[{{t}}{{f}}{{z}}{{o}}{{a}}{{missing}}]",
     "{\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"a\":[1]}", "[]"},
    {"[{{x}}]", "[1,2]", "[]"},
    {"[{{x}}]", NULL, "[]"},
    /* dotted names */
    {"{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"<deep>\"}}}", "&lt;deep&gt;"},
    {"[{{a.b}}]", "{\"a\":\"str\"}", "[]"},
    {"[{{a.b.c}}]", "{\"a\":{\"b\":null}}", "[]"},
    {"{{#x}}{{a.b}}{{/x}}", "{\"a\":{\"b\":\"out\"},\"x\":{\"y\":1}}", "out"},
    /* an inner 'a' without 'b' hides the outer one, as in mustache */
    {"[{{#x}}{{a.b}}{{/x}}]", "{\"a\":{\"b\":\"out\"},\"x\":{\"a\":{}}}", "[]"},
    /* the context stack */
    {"{{#items}}{{name}}/{{title}};{{/items}}",
     "{\"title\":\"T\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\",\"title\":\"U\"}]}", "a/T;b/U;"},
    {"[{{#x}}{{a}}{{/x}}]", "{\"a\":\"out\",\"x\":{\"a\":null}}", "[]"},
    {"{{#l}}({{.}}){{/l}}", "{\"l\":[\"<a>\",2,1.25,true,null]}", "(&lt;a&gt;)(2)(1.25)()()"},
    {"{{#l}}{{{.}}}{{/l}}", "{\"l\":[\"<a>\"]}", "<a>"},
    {"{{#a}}{{#b}}{{#c}}{{x}}{{/c}}{{/b}}{{/a}}",
     "{\"x\":0,\"a\":{\"b\":[{\"c\":{\"x\":3}},{\"c\":{}}]}}", "30"},
    {"{{#rows}}{{#.}}{{.}}{{/.}};{{/rows}}", "{\"rows\":[[1,2],[3]]}", "12;3;"},
    {"{{.}}", "\"top\"", "top"},
    /* sections by value */
    {"{{#v}}y{{/v}}", "{\"v\":[]}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":{}}", "y"},
    {"{{#v}}y{{/v}}", "{\"v\":true}", "y"},
    {"{{#v}}y{{/v}}", "{\"v\":false}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":null}", ""},
    {"{{#v}}y{{/v}}", "{}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":\"\"}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":\"s\"}", "y"},
    {"{{#v}}y{{/v}}", "{\"v\":0}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":5}", "y"},
    {"{{#v}}y{{/v}}", "{\"v\":0.0}", ""},
    {"{{#v}}y{{/v}}", "{\"v\":[0,0,0]}", "yyy"},
    /* scalars are not pushed: {{.}} stays the enclosing value */
    {"{{#v}}{{v}}{{/v}}", "{\"v\":\"s\"}", "s"},
    /* inverted */
    {"{{^v}}n{{/v}}", "{\"v\":[]}", "n"},
    {"{{^v}}n{{/v}}", "{\"v\":[1]}", ""},
    {"{{^v}}n{{/v}}", "{\"v\":false}", "n"},
    {"{{^v}}n{{/v}}", "{\"v\":true}", ""},
    {"{{^v}}n{{/v}}", "{}", "n"},
    {"{{^v}}n{{/v}}", "{\"v\":\"\"}", "n"},
    {"{{^v}}n{{/v}}", "{\"v\":{}}", ""},
    {"{{#v}}a{{/v}}{{^v}}b{{/v}}", "{\"v\":0}", "b"},
    /* comments */
    {"a{{! a comment }}b", NULL, "ab"},
    {"a{{! {{x}} }}b", NULL, "a }}b"},
    {"a{{!\nmulti\nline}}b", NULL, "ab"},
    /* standalone lines */
    {"a\n{{#x}}\nb\n{{/x}}\nc\n", "{\"x\":true}", "a\nb\nc\n"},
    {"a\n  {{! note }}  \nb", NULL, "a\nb"},
    {"a\r\n{{#x}}\r\nb\r\n{{/x}}\r\n", "{\"x\":1}", "a\r\nb\r\n"},
    {"{{#x}}\n{{/x}}", "{\"x\":1}", ""},
    {"a\n\t{{^x}}\nb\n{{/x}}", "{}", "a\nb\n"},
    {"a {{#x}}b{{/x}}\n", "{\"x\":1}", "a b\n"},
    {"{{#x}}b{{/x}} \n", "{\"x\":1}", "b \n"},
    {"a\n  {{x}}  \n", "{\"x\":\"v\"}", "a\n  v  \n"},
    {"<ul>\n{{#l}}\n  <li>{{.}}</li>\n{{/l}}\n</ul>\n", "{\"l\":[1,2]}",
     "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n"},
};

static void test_render_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(render_cases) / sizeof(render_cases[0]); i++) {
		const struct render_case *c = &render_cases[i];
		json_t *ctx = test_json(c->json);
		struct buf out;

		buf_init(&out, 0);
		assert_int_equal(test_render(c->tpl, strlen(c->tpl), ctx, &out), 0);
		if (strcmp(out.p, c->want))
			fail_msg("case %zu '%s': got '%s', want '%s'", i, c->tpl, out.p, c->want);
		buf_release(&out);
		json_decref(ctx);
	}
}

struct error_case {
	const char *tpl, *want;
};

static const struct error_case error_cases[] = {
    {"{{#a}}", "t:1: unclosed section 'a'"},
    {"x\n\n{{#a}}\n{{/b}}", "t:4: section 'a' (line 3) closed by 'b'"},
    {"{{#a}}\n{{#b}}\n{{/a}}", "t:3: section 'b' (line 2) closed by 'a'"},
    {"{{#a}}{{/a}}\n{{/a}}", "t:2: unexpected close 'a'"},
    {"\n\n{{^a}}\n{{#b}}{{/b}}", "t:3: unclosed section 'a'"},
    {"a\nb{{x", "t:2: unclosed tag '{{x'"},
    {"{{", "t:1: unclosed tag '{{'"},
    {"{{{x}}", "t:1: unclosed tag '{{{x}}'"},
    {"{{}}", "t:1: bad tag name '{{}}'"},
    {"{{#}}", "t:1: bad tag name '{{#}}'"},
    {"{{a b}}", "t:1: bad tag name '{{a b}}'"},
    {"{{a..b}}", "t:1: bad tag name '{{a..b}}'"},
    {"{{.a}}", "t:1: bad tag name '{{.a}}'"},
    {"{{a.}}", "t:1: bad tag name '{{a.}}'"},
    {"{{<x>}}", "t:1: bad tag name '{{<x>}}'"},
    {"{{> }}", "t:1: bad tag name '{{> }}'"},
    {"{{=<% %>=}}", "t:1: delimiter change not supported '{{=<% %>=}}'"},
    {"{{!never closed", "t:1: unclosed tag '{{!never closed'"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case *c = &error_cases[i];
		struct tpl_set *set = tpl_set_new();
		char err[256] = "";

		assert_int_equal(tpl_set_add(set, "t", c->tpl, strlen(c->tpl), err, sizeof(err)),
		                 -1);
		if (strcmp(err, c->want))
			fail_msg("case %zu '%s': got '%s', want '%s'", i, c->tpl, err, c->want);
		/* A failed add registers nothing. */
		assert_int_equal(TEST_ADD(set, "t", "ok"), 0);
		tpl_set_free(set);
	}
}

static void test_error_edges(void **state)
{
	struct tpl_set *set = tpl_set_new();
	char err[256], tiny[8];
	char deep[(TPL_MAX_NEST + 1) * 16] = "";
	size_t n = 0;

	(void)state;
	/* A tiny or absent error buffer is never overrun. */
	memset(tiny, 'X', sizeof(tiny));
	assert_int_equal(tpl_set_add(set, "templates/x.html", "{{#a}}", 6, tiny, sizeof(tiny)), -1);
	assert_string_equal(tiny, "templat");
	assert_int_equal(tpl_set_add(set, "x", "{{#a}}", 6, NULL, 0), -1);
	/* Duplicate names. */
	assert_int_equal(TEST_ADD(set, "d", "1"), 0);
	assert_int_equal(TEST_ADD(set, "d", "2"), -1);
	assert_string_equal(err, "duplicate template 'd'");
	/* Nesting: exactly the maximum compiles, one more does not. */
	for (int i = 0; i < TPL_MAX_NEST; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{#a%d}}", i % 10);
	for (int i = TPL_MAX_NEST - 1; i >= 0; i--)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{/a%d}}", i % 10);
	assert_int_equal(tpl_set_add(set, "max", deep, n, err, sizeof(err)), 0);
	n = 0;
	for (int i = 0; i <= TPL_MAX_NEST; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{#a}}");
	assert_int_equal(tpl_set_add(set, "over", deep, n, err, sizeof(err)), -1);
	assert_string_equal(err, "over:1: sections nested too deep at 'a'");
	/* A long bad tag is quoted but capped. */
	char *big = xmalloc(100000);
	memset(big, 'a', 100000);
	memcpy(big, "{{ ", 3);
	assert_int_equal(tpl_set_add(set, "big", big, 100000, err, sizeof(err)), -1);
	assert_true(strlen(err) < 100);
	free(big);
	tpl_set_free(set);
	tpl_set_free(NULL);
}

static void test_partials(void **state)
{
	struct tpl_set *set = tpl_set_new();
	json_t *ctx =
	    test_json("{\"title\":\"<T>\",\"kids\":[{\"n\":1,\"kids\":[{\"n\":2,\"kids\":[]}]},"
	              "{\"n\":3,\"kids\":[]}]}");
	char err[256];
	struct buf out;

	(void)state;
	buf_init(&out, 0);
	assert_int_equal(TEST_ADD(set, "page", "<h1>{{>head}}</h1>\n{{>tree}}\n"), 0);
	assert_int_equal(TEST_ADD(set, "head", "{{title}}"), 0);
	assert_int_equal(TEST_ADD(set, "tree", "{{#kids}}({{n}}{{>tree}}){{/kids}}"), 0);
	/* Unlinked partials are found by name too. */
	assert_int_equal(tpl_render(set, "page", ctx, &out), 0);
	assert_string_equal(out.p, "<h1>&lt;T&gt;</h1>\n(1(2))(3)");
	assert_int_equal(tpl_set_check(set, err, sizeof(err)), 0);
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "page", ctx, &out), 0);
	assert_string_equal(out.p, "<h1>&lt;T&gt;</h1>\n(1(2))(3)");

	/* Unknown template. */
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "nope", ctx, &out), -1);
	assert_int_equal(out.len, 0);

	/* Endless recursion stops at the cap. */
	assert_int_equal(TEST_ADD(set, "loop", "x{{>loop}}"), 0);
	assert_int_equal(tpl_set_check(set, err, sizeof(err)), 0);
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "loop", ctx, &out), -1);
	assert_int_equal(out.len, TPL_MAX_DEPTH + 1);

	/* A missing partial is reported by tpl_set_check() with its line. */
	assert_int_equal(TEST_ADD(set, "bad", "a\n{{#x}}\n{{> missing }}{{/x}}"), 0);
	assert_int_equal(tpl_set_check(set, err, sizeof(err)), -1);
	assert_string_equal(err, "bad:3: unknown partial 'missing'");
	buf_reset(&out);
	json_object_set_new(ctx, "x", json_true());
	assert_int_equal(tpl_render(set, "bad", ctx, &out), -1);
	assert_string_equal(out.p, "a\n");

	buf_release(&out);
	json_decref(ctx);
	tpl_set_free(set);
}

/* Invalid UTF-8 and NUL pass through untouched, but markup is still escaped. */
static void test_hostile_bytes(void **state)
{
	static const char bad[] = "\xff\xfe<\xc3\x28\0&\xed\xa0\x80";
	static const char want[] = "\xff\xfe&lt;\xc3\x28\0&amp;\xed\xa0\x80";
	json_t *ctx = json_object();
	struct buf out;

	(void)state;
	json_object_set_new(ctx, "x", json_stringn_nocheck(bad, sizeof(bad) - 1));
	buf_init(&out, 0);
	assert_int_equal(test_render("{{{x}}}", 7, ctx, &out), 0);
	assert_int_equal(out.len, sizeof(bad) - 1);
	assert_memory_equal(out.p, bad, sizeof(bad) - 1);
	buf_reset(&out);
	assert_int_equal(test_render("{{x}}", 5, ctx, &out), 0);
	assert_int_equal(out.len, sizeof(want) - 1);
	assert_memory_equal(out.p, want, sizeof(want) - 1);
	/* The same bytes as template text are copied as they are. */
	buf_reset(&out);
	assert_int_equal(test_render(bad, sizeof(bad) - 1, ctx, &out), 0);
	assert_memory_equal(out.p, bad, sizeof(bad) - 1);
	buf_release(&out);
	json_decref(ctx);
}

static void test_long_input(void **state)
{
	const size_t n = 1 << 20;
	char *src = xmalloc(n * 6);
	json_t *ctx = json_object();
	struct buf out;
	size_t len = 0;

	(void)state;
	/* A megabyte of text, then 100000 tags. */
	memset(src, '<', n);
	len = n;
	for (int i = 0; i < 100000; i++) {
		memcpy(src + len, "{{x}}\n", 6);
		len += 6;
	}
	char *val = xmalloc(n);
	memset(val, '>', n);
	json_object_set_new(ctx, "x", json_stringn(val, 1));
	buf_init(&out, 0);
	assert_int_equal(test_render(src, len, ctx, &out), 0);
	assert_int_equal(out.len, n + 100000 * 5);
	assert_memory_equal(out.p + n, "&gt;\n", 5);
	/* A megabyte value is escaped whole. */
	json_object_set_new(ctx, "x", json_stringn(val, n));
	buf_reset(&out);
	assert_int_equal(test_render("{{x}}", 5, ctx, &out), 0);
	assert_int_equal(out.len, 4 * n);
	/* Past the buffer's cap the render fails instead of truncating silently. */
	buf_release(&out);
	buf_init(&out, n);
	assert_int_equal(test_render("{{x}}{{x}}", 10, ctx, &out), -1);
	assert_true(out.overflow);
	buf_release(&out);
	free(val);
	free(src);
	json_decref(ctx);
}

static void test_collect_raw(const char *tpl, const char *var, int line, void *arg)
{
	struct buf *b = arg;

	buf_addf(b, "%s:%d:%s;", tpl, line, var);
}

static void test_each_raw(void **state)
{
	struct tpl_set *set = tpl_set_new();
	static const char a[] = "{{x}}\n{{{chart}}}\n{{#s}}\n{{& s.svg }}{{/s}}";
	char err[256];
	struct buf b;

	(void)state;
	assert_int_equal(tpl_set_add(set, "a", a, sizeof(a) - 1, err, sizeof(err)), 0);
	assert_int_equal(TEST_ADD(set, "b", "{{y}}{{!{{{z}}}}}"), 0);
	assert_int_equal(TEST_ADD(set, "c", "\n\n{{{.}}}"), 0);
	buf_init(&b, 0);
	tpl_set_each_raw(set, test_collect_raw, &b);
	assert_string_equal(b.p, "a:2:chart;a:4:s.svg;c:3:.;");
	buf_release(&b);
	tpl_set_free(set);
}

struct test_thread {
	const struct tpl_set *set;
	json_t *ctx;
	int bad;
};

static void *test_thread_run(void *arg)
{
	struct test_thread *t = arg;
	struct buf out;

	buf_init(&out, 0);
	for (int i = 0; i < 2000; i++) {
		buf_reset(&out);
		if (tpl_render(t->set, "p", t->ctx, &out) < 0 || strcmp(out.p, "&lt;a&gt;,b,"))
			t->bad++;
	}
	buf_release(&out);
	return NULL;
}

static void test_threads(void **state)
{
	struct tpl_set *set = tpl_set_new();
	json_t *ctx = test_json("{\"l\":[\"<a>\",\"b\"]}");
	struct test_thread t[4];
	pthread_t id[4];
	char err[256];

	(void)state;
	assert_int_equal(TEST_ADD(set, "p", "{{#l}}{{>i}},{{/l}}"), 0);
	assert_int_equal(TEST_ADD(set, "i", "{{.}}"), 0);
	assert_int_equal(tpl_set_check(set, err, sizeof(err)), 0);
	for (int i = 0; i < 4; i++) {
		t[i] = (struct test_thread){set, ctx, 0};
		assert_int_equal(pthread_create(&id[i], NULL, test_thread_run, &t[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(id[i], NULL);
		assert_int_equal(t[i].bad, 0);
	}
	json_decref(ctx);
	tpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_render_table),  cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_error_edges),   cmocka_unit_test(test_partials),
	    cmocka_unit_test(test_hostile_bytes), cmocka_unit_test(test_long_input),
	    cmocka_unit_test(test_each_raw),      cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
