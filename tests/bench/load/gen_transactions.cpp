// Writes a transactions CSV in the exercise's columns: N rows over M distinct valid LEIs.
//   gen-transactions ROWS DISTINCT_LEIS OUTPUT.csv [--seed S]
// LEIs are FakeGleif::syntheticLei(i), so `fake-gleif --entities M` serves exactly these.
#include "fakegleif.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: gen-transactions ROWS DISTINCT_LEIS OUTPUT.csv [--seed S]\n");
        return 2;
    }
    const qint64 rows = args[1].toLongLong();
    const int distinct = args[2].toInt();
    const QString out = args[3];
    quint32 seed = 17442;
    if (const int i = int(args.indexOf(QStringLiteral("--seed"))); i > 0 && i + 1 < args.size())
        seed = args[i + 1].toUInt();
    if (rows < 0 || distinct <= 0) {
        std::fprintf(stderr, "ROWS must be >= 0 and DISTINCT_LEIS > 0\n");
        return 2;
    }
    QList<QByteArray> leis;
    leis.reserve(distinct);
    for (int i = 0; i < distinct; ++i)
        leis.append(FakeGleif::syntheticLei(i).toLatin1());

    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(out), qPrintable(file.errorString()));
        return 3;
    }
    QRandomGenerator rng(seed);
    static const char *types[] = {"Buy", "Sell"};
    static const char *currencies[] = {"GBP", "EUR", "USD"};
    QByteArray buf;
    buf.reserve(1 << 20);
    buf += "transaction_uti,isin,notional,notional_currency,transaction_type,transaction_datetime,rate,lei\n";
    for (qint64 r = 0; r < rows; ++r) {
        buf += "0000452AMARKITWIRE" + QByteArray::number(100000000 + r) + ",EZ";
        for (int k = 0; k < 10; ++k)
            buf += "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[rng.bounded(34)];
        buf += ',' + QByteArray::number(double(rng.bounded(1, 500)) * 1e5, 'E', 3) + ',';
        buf += currencies[rng.bounded(3)];
        buf += ',';
        buf += types[rng.bounded(2)];
        buf += ",2022-0" + QByteArray::number(rng.bounded(1, 10)) + "-1" + QByteArray::number(rng.bounded(10))
            + "T1" + QByteArray::number(rng.bounded(10)) + ":0" + QByteArray::number(rng.bounded(10)) + ":00Z,";
        buf += "0.00" + QByteArray::number(rng.bounded(10000000, 99999999)) + ',';
        buf += leis[int(r % distinct)];
        buf += '\n';
        if (buf.size() > (1 << 20) - 512) {
            file.write(buf);
            buf.clear();
        }
    }
    file.write(buf);
    if (!file.commit()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(out), qPrintable(file.errorString()));
        return 3;
    }
    return 0;
}
