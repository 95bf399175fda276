#include "xlsxfixture.h"

#include "csvfile.h"

#include <xlsxwriter.h>

bool writeCsvAsXlsx(const QString &csv, const QString &xlsx, const QSet<int> &numeric, bool constantMemory)
{
    QString error;
    const auto file = CsvFile::load(csv, {}, &error);
    if (!file)
        return false;
    lxw_workbook_options options{};
    options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
    const QByteArray path = xlsx.toUtf8();
    lxw_workbook *book = workbook_new_opt(path.constData(), &options);
    if (!book)
        return false;
    lxw_worksheet *sheet = workbook_add_worksheet(book, nullptr);
    auto put = [&](lxw_row_t r, lxw_col_t c, const QString &text, bool number) {
        if (number)
            worksheet_write_number(sheet, r, c, text.toDouble(), nullptr);
        else
            worksheet_write_string(sheet, r, c, text.toUtf8().constData(), nullptr);
    };
    const QStringList header = file->header();
    for (int c = 0; c < header.size(); ++c)
        put(0, lxw_col_t(c), header[c], false);
    for (qint64 r = 0; r < file->rowCount(); ++r) {
        const QStringList row = file->row(r);
        for (int c = 0; c < row.size(); ++c)
            put(lxw_row_t(r + 1), lxw_col_t(c), row[c], numeric.contains(c));
    }
    return workbook_close(book) == LXW_NO_ERROR;
}
