// XLSX input benchmark (issue 15): a 1,000,000-row sheet opened the way the window opens it.
//   bench-xlsx write ROWS OUT.xlsx [--shared-strings]   (libxlsxwriter; constant_memory unless asked)
//   bench-xlsx read FILE.xlsx
// `read` reports when the first rows were there (CsvLoader::open returned), when the whole
// sheet was converted and indexed (finished), and the peak memory.
#include "csvloader.h"
#include "fakegleif.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <xlsxwriter.h>

#include <cstdio>
#include <sys/resource.h>

static double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// The columns of gen-transactions: ids as text, notional and rate as numbers, the time as a date.
static int write(qint64 rows, const QByteArray &out, bool sharedStrings)
{
    lxw_workbook_options options{};
    options.constant_memory = sharedStrings ? LXW_FALSE : LXW_TRUE;
    lxw_workbook *book = workbook_new_opt(out.constData(), &options);
    lxw_worksheet *sheet = workbook_add_worksheet(book, nullptr);
    lxw_format *when = workbook_add_format(book);
    format_set_num_format(when, "yyyy-mm-dd hh:mm:ss");
    const char *header[] = {"transaction_uti", "isin", "notional", "notional_currency", "transaction_type",
                            "transaction_datetime", "rate", "lei"};
    for (int c = 0; c < 8; ++c)
        worksheet_write_string(sheet, 0, lxw_col_t(c), header[c], nullptr);
    QList<QByteArray> leis;
    for (int i = 0; i < 1000; ++i)
        leis.append(FakeGleif::syntheticLei(i).toLatin1());
    QRandomGenerator rng(17442);
    static const char *types[] = {"Buy", "Sell"};
    static const char *currencies[] = {"GBP", "EUR", "USD"};
    for (qint64 r = 1; r <= rows; ++r) {
        const lxw_row_t row = lxw_row_t(r);
        worksheet_write_string(sheet, row, 0, QByteArray("0000452AMARKITWIRE" + QByteArray::number(100000000 + r)).constData(), nullptr);
        QByteArray isin("EZ");
        for (int k = 0; k < 10; ++k)
            isin += "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[rng.bounded(34)];
        worksheet_write_string(sheet, row, 1, isin.constData(), nullptr);
        worksheet_write_number(sheet, row, 2, double(rng.bounded(1, 500)) * 1e5, nullptr);
        worksheet_write_string(sheet, row, 3, currencies[rng.bounded(3)], nullptr);
        worksheet_write_string(sheet, row, 4, types[rng.bounded(2)], nullptr);
        worksheet_write_number(sheet, row, 5, 44000 + rng.bounded(1000) + rng.bounded(86400) / 86400.0, when);
        worksheet_write_number(sheet, row, 6, double(rng.bounded(10000000, 99999999)) / 1e10, nullptr);
        worksheet_write_string(sheet, row, 7, leis[int(r % leis.size())].constData(), nullptr);
    }
    return workbook_close(book) == LXW_NO_ERROR ? 0 : 3;
}

static int read(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    CsvLoader loader;
    std::shared_ptr<CsvFile> whole;
    bool complete = false;
    QObject::connect(&loader, &CsvLoader::fileReplaced, &loader, [&](const std::shared_ptr<CsvFile> &f) { whole = f; });
    QObject::connect(&loader, &CsvLoader::finished, &loader, [&](bool done) {
        complete = done;
        QCoreApplication::quit();
    });
    QString error;
    const auto head = loader.open(path, {}, &error);
    if (!head) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    const double firstMs = double(timer.nsecsElapsed()) / 1e6;
    const qint64 firstRows = head->rowCount();
    QCoreApplication::exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const auto file = whole ? whole : head;
    std::printf("file            %s\n", qPrintable(path));
    std::printf("first rows      %lld rows shown after %.0f ms\n", firstRows, firstMs);
    std::printf("whole sheet     %lld rows x %d columns, converted and indexed in %.2f s%s\n", file->rowCount(),
                file->columnCount(), seconds, complete ? "" : " (INCOMPLETE)");
    std::printf("peak memory     %.1f MB (max RSS)\n", peakRssMb());
    return complete ? 0 : 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args[1] == u"write")
        return write(args[2].toLongLong(), args[3].toUtf8(), args.contains(QStringLiteral("--shared-strings")));
    if (args.size() >= 3 && args[1] == u"read")
        return read(args[2]);
    std::fprintf(stderr, "usage: bench-xlsx write ROWS OUT.xlsx [--shared-strings] | bench-xlsx read FILE.xlsx\n");
    return 2;
}
