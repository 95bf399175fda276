// libxlsxwriter's floor (issue 16): the cells of a CSV written to an XLSX sheet in
// constant_memory mode by a plain loop that does nothing else (no checks, no temporary file
// beside the target, no read-back), to compare the product's XLSX export against.
//   bench-xlsx-floor INPUT.csv OUTPUT.xlsx
// A field goes in as a number when strtod() takes all of it, else as text. The input is the
// product's own CSV output (plain comma-separated; quoted fields are taken whole, quotes kept).
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench-xlsx-floor INPUT.csv OUTPUT.xlsx\n");
        return 2;
    }
    FILE *in = std::fopen(argv[1], "rb");
    if (!in) {
        std::perror(argv[1]);
        return 3;
    }
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, nullptr);
    static char line[1 << 16];
    long cells = 0;
    for (lxw_row_t row = 0; std::fgets(line, sizeof line, in); ++row) {
        char *p = line;
        line[std::strcspn(line, "\r\n")] = 0;
        for (lxw_col_t col = 0;; ++col) {
            char *end = p;
            if (*end == '"') { // a quoted field: to the closing quote
                for (++end; *end && !(*end == '"' && end[1] != '"'); end += *end == '"' ? 2 : 1) {}
                if (*end)
                    ++end;
            }
            end += std::strcspn(end, ",");
            const char next = *end;
            *end = 0;
            if (*p) {
                char *stop = nullptr;
                const double number = row > 0 ? std::strtod(p, &stop) : 0;
                if (stop && *stop == 0)
                    worksheet_write_number(sheet, row, col, number, nullptr);
                else
                    worksheet_write_string(sheet, row, col, p, nullptr);
                ++cells;
            }
            if (!next)
                break;
            p = end + 1;
        }
    }
    std::fclose(in);
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) {
        std::fprintf(stderr, "%s: %s\n", argv[2], lxw_strerror(closed));
        return 3;
    }
    std::printf("%ld cells\n", cells);
    return 0;
}
