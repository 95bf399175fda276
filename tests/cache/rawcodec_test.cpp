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
    void readsRecordsOfEarlierVersions();
    void writesTaggedZstd();
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
    const qsizetype withDictionary = RawCodec::compress(generated).size();
    qInfo("generated record: raw %lld, qCompress %lld, with dictionary %lld bytes", qlonglong(generated.size()),
          qlonglong(qCompress(generated).size()), qlonglong(withDictionary));
    QVERIFY(withDictionary * 3 < qCompress(generated).size() * 2);

    // The fixture records as the client stores them (GleifRecord::fromJson's compact JSON).
    // The project's own copy (resources/, also what the fake GLEIF serves): a clean clone has it.
    QFile file(QStringLiteral(LEI_RESOURCES_DIR "/gleif_sample_records.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + u": " + file.errorString()));
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

void RawCodecTest::readsRecordsOfEarlierVersions()
{
    // Written by the zlib codec this cache used before zstd (commit 3998450): a dictionary-primed
    // zlib stream after a 4-byte length. Caches on users' disks are full of these.
    const QByteArray json = "{\"attributes\":{\"bic\":[\"DEUTDEFFXXX\"],\"entity\":{\"legalAddress\":{\"city\":"
        "\"Frankfurt am Main\",\"country\":\"DE\"},\"legalName\":{\"language\":\"de\",\"name\":\"Deutsche Bank "
        "Aktiengesellschaft\"},\"status\":\"ACTIVE\"},\"lei\":\"7LTWFZYICNSX8D621K86\"},\"id\":\"7LTWFZYICNSX8D621K86\","
        "\"type\":\"lei-records\"}";
    const QByteArray legacy = QByteArray::fromHex(
        "00000114787d0c6450d903b678b1f5675c5c43435c5cdddc803680dabe881e0b7a7b19daba7503b697b2d34a8b4a"
        "141273157c1333410d4a4453d7c5155455e26a7d021bb6f0d6a74b6a6949717246aa8213d03c05c76c60eb212f3d"
        "155859e7004513d34a40e6a03701e1ed31739f9070b7a8484f67bfe0080b173323436f0b339006708300ab24f630"
        "010027b0586f");
    QCOMPARE(RawCodec::uncompress(legacy), json);
    // Rewritten in today's format, the same record reads back the same.
    QCOMPARE(RawCodec::uncompress(RawCodec::compress(json)), json);
}

void RawCodecTest::writesTaggedZstd()
{
    const QByteArray json = CacheTestData::record(CacheTestData::lei(3), QStringLiteral("Entity 3 AG"), {}).rawJson;
    const QByteArray packed = RawCodec::compress(json);
    QCOMPARE(quint8(packed.at(0)), RawCodec::ZstdTag);
    // zstd's frame magic follows the tag (little-endian 0xFD2FB528).
    QCOMPARE(packed.mid(1, 4), QByteArray::fromHex("28b52ffd"));
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
    QByteArray badMagic = good;
    badMagic[3] = char(badMagic.at(3) + 1);
    QTest::newRow("damaged frame magic") << badMagic;
    QByteArray wrongSize = good;
    wrongSize[7] = char(wrongSize.at(7) ^ 0x01); // zstd frame header: the content size
    QTest::newRow("wrong content size") << wrongSize;
    QTest::newRow("huge length") << (QByteArray("\x7f\xff\xff\xff", 4) + good.mid(4));
    QTest::newRow("garbage") << QByteArray("\x00\x00\x01\x00garbagegarbage", 18);
    QTest::newRow("tag only") << good.left(1);
    QTest::newRow("tag and garbage") << (good.left(1) + QByteArray("garbagegarbage"));
    const QByteArray legacyPrefix("\x00\x00\x0b\xb9", 4);
    QTest::newRow("zlib layout, bad stream") << (legacyPrefix + good.mid(1));
}

void RawCodecTest::damagedData()
{
    QFETCH(QByteArray, blob);
    QCOMPARE(RawCodec::uncompress(blob), QByteArray());
}

QTEST_GUILESS_MAIN(RawCodecTest)
#include "rawcodec_test.moc"
