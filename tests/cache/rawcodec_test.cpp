#include "cachetestdata.h"
#include "rawcodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class RawCodecTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void gleifRecordsShrink();
    void readsPlainQCompress();
    void damagedData_data();
    void damagedData();
};

void RawCodecTest::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("generated record") << CacheTestData::record(CacheTestData::lei(1), QStringLiteral("Entity 1 AG"), {QStringLiteral("COBADEFFXXX")}).rawJson;
    QTest::newRow("non-ASCII") << QString::fromUtf8("{\"name\":\"Société Générale — Zürich ß 日本\"}").toUtf8();
    QTest::newRow("one byte") << QByteArray("x");
    QByteArray big;
    for (int i = 0; i < 20000; ++i)
        big += QByteArray::number(i * 7919 % 10007) + ',';
    QTest::newRow("large, unlike the dictionary") << big;
}

void RawCodecTest::roundTrip()
{
    QFETCH(QByteArray, json);
    const QByteArray packed = RawCodec::compress(json);
    QVERIFY(!packed.isEmpty());
    QCOMPARE(RawCodec::uncompress(packed), json);
    QCOMPARE(RawCodec::compress(QByteArray()), QByteArray());
}

void RawCodecTest::gleifRecordsShrink()
{
    // The dictionary is what makes entries small on disk; losing it would show here.
    const QByteArray generated = CacheTestData::record(CacheTestData::lei(7), QStringLiteral("Entity 7 AG"),
                                                       {QStringLiteral("COBADEFFXXX")}).rawJson;
    QVERIFY(RawCodec::compress(generated).size() * 2 < qCompress(generated).size());

    // The fixture records as the client stores them (GleifRecord::fromJson's compact JSON).
    QFile file(QStringLiteral(LEI_SHARED_FIXTURES "/gleif_sample_records.json"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("shared fixtures not present");
    const QJsonArray records = QJsonDocument::fromJson(file.readAll()).array();
    QVERIFY(records.size() >= 5);
    qint64 raw = 0, plain = 0, packed = 0;
    for (const QJsonValue &value : records) {
        GleifRecord record;
        QVERIFY(GleifRecord::fromJson(value.toObject(), &record));
        const QByteArray compressed = RawCodec::compress(record.rawJson);
        QCOMPARE(RawCodec::uncompress(compressed), record.rawJson);
        raw += record.rawJson.size();
        plain += qCompress(record.rawJson).size();
        packed += compressed.size();
    }
    qInfo("raw %lld, qCompress %lld, with dictionary %lld bytes", raw, plain, packed);
    QVERIFY2(packed * 2 < plain, qPrintable(QString::number(packed)));
}

void RawCodecTest::readsPlainQCompress()
{
    const QByteArray json = "{\"lei\":\"XKZZ2JZF41MRHTR1V493\"}";
    QCOMPARE(RawCodec::uncompress(qCompress(json)), json);
    QCOMPARE(RawCodec::uncompress(qCompress(json, 1)), json);
}

void RawCodecTest::damagedData_data()
{
    QTest::addColumn<QByteArray>("blob");
    const QByteArray good = RawCodec::compress(QByteArray(3000, 'a') + "{\"lei\":1}");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("length only") << good.left(4);
    QTest::newRow("truncated stream") << good.left(good.size() / 2);
    QByteArray flipped = good;
    flipped[flipped.size() - 3] = char(flipped.at(flipped.size() - 3) ^ 0x55);
    QTest::newRow("flipped byte") << flipped;
    QByteArray wrongLength = good;
    wrongLength[3] = char(wrongLength.at(3) + 1);
    QTest::newRow("wrong length") << wrongLength;
    QTest::newRow("huge length") << (QByteArray("\x7f\xff\xff\xff", 4) + good.mid(4));
    QTest::newRow("garbage") << QByteArray("\x00\x00\x01\x00garbagegarbage", 18);
}

void RawCodecTest::damagedData()
{
    QFETCH(QByteArray, blob);
    QCOMPARE(RawCodec::uncompress(blob), QByteArray());
}

QTEST_GUILESS_MAIN(RawCodecTest)
#include "rawcodec_test.moc"
