// Sort and filter timings on a large file (issue 6: "report how long a sort and a filter take").
//   bench-sort-filter FILE.csv
#include "csvfile.h"
#include "roworder.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench-sort-filter FILE.csv\n");
        return 2;
    }
    QString error;
    auto file = CsvFile::load(QString::fromLocal8Bit(argv[1]), {}, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    std::printf("%lld rows x %d columns\n", file->rowCount(), file->columnCount());
    auto time = [](const char *what, auto &&work) {
        QElapsedTimer t;
        t.start();
        const auto rows = work();
        std::printf("%-44s %8.0f ms  (%zu rows)\n", what, double(t.nsecsElapsed()) / 1e6, rows.size());
        return rows;
    };
    const int lei = file->findColumn();
    const int notional = file->findColumn(QStringLiteral("notional"));
    const int uti = 0;
    time("sort by a number column (notional)", [&] { return RowOrder::sorted(*file, nullptr, notional, Qt::AscendingOrder); });
    time("sort by a text column (first column)", [&] { return RowOrder::sorted(*file, nullptr, uti, Qt::DescendingOrder); });
    const auto byLei = time("sort by the LEI column", [&] { return RowOrder::sorted(*file, nullptr, lei, Qt::AscendingOrder); });
    time("filter by text (\"gbp\"), all rows", [&] { return RowOrder::filtered(*file, nullptr, {}, QStringLiteral("gbp")); });
    time("filter by text, rare match", [&] { return RowOrder::filtered(*file, nullptr, byLei, QStringLiteral("zzqq")); });
    time("filter by status (no results: all pending)", [&] { return RowOrder::filtered(*file, nullptr, {}, QStringLiteral("status is pending")); });
    return 0;
}
