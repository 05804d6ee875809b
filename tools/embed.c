/*
 * embed.c: build-time tool.  Writes a C file holding the given files as byte
 * arrays and the table declared in src/core/embed.h.
 * Usage: embed OUT.c ROOT FILE...   (names are FILE relative to ROOT)
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: embed OUT.c ROOT FILE...\n");
		return 2;
	}
	FILE *out = fopen(argv[1], "w");
	char root[PATH_MAX], path[PATH_MAX];

	if (!realpath(argv[2], root)) {
		perror(argv[2]);
		return 1;
	}
	size_t rootlen = strlen(root);

	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "#include \"core/embed.h\"\n#include <string.h>\n\n");
	for (int i = 3; i < argc; i++) {
		FILE *in = fopen(argv[i], "rb");
		int c, n = 0;

		if (!in) {
			perror(argv[i]);
			return 1;
		}
		fprintf(out, "static const unsigned char f%d[] = {", i);
		while ((c = getc(in)) != EOF)
			fprintf(out, "%s%d,", n++ % 32 ? "" : "\n", c);
		fprintf(out, "0};\n");
		fclose(in);
	}
	fprintf(out, "\nconst struct embed embed_files[] = {\n");
	for (int i = 3; i < argc; i++) {
		const char *name = argv[i];

		if (realpath(argv[i], path) && strncmp(path, root, rootlen) == 0 &&
		    path[rootlen] == '/')
			name = path + rootlen + 1;
		fprintf(out, "\t{\"%s\", f%d, sizeof(f%d) - 1},\n", name, i, i);
	}
	fprintf(out, "};\nconst size_t embed_count = %d;\n\n", argc - 3);
	fprintf(out, "const struct embed *embed_find(const char *name)\n{\n"
		     "\tfor (size_t i = 0; i < embed_count; i++)\n"
		     "\t\tif (strcmp(embed_files[i].name, name) == 0)\n"
		     "\t\t\treturn &embed_files[i];\n\treturn NULL;\n}\n");
	return fclose(out) ? 1 : 0;
}
