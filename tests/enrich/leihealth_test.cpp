#include "gleifrecord.h"
#include "healthwarnings.h"
#include "leihealth.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// LEI health (product contract, "LEI health"): the codes a found record earns, from the record
// as GleifRecord::fromJson reads it.
class LeiHealthTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void judge_data();
    void judge();
    void utcDate_data();
    void utcDate();
    void groupsAndWords();
};

namespace {

const QDate kToday(2026, 11, 27);
const QString kSuccessor = QStringLiteral("529900T8BM49AURSDO55");

// A record with the given registration and entity attributes; a null QJsonValue stays null.
QJsonObject record(const QJsonValue &registrationStatus, const QJsonValue &entityStatus,
                   const QJsonValue &nextRenewal, const QJsonObject &entityExtra = {})
{
    QJsonObject entity{{QStringLiteral("status"), entityStatus},
                       {QStringLiteral("legalName"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Example Ltd")}}}};
    for (auto it = entityExtra.begin(); it != entityExtra.end(); ++it)
        entity.insert(it.key(), it.value());
    const QJsonObject registration{{QStringLiteral("status"), registrationStatus},
                                   {QStringLiteral("nextRenewalDate"), nextRenewal}};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("lei-records")},
                       {QStringLiteral("attributes"),
                        QJsonObject{{QStringLiteral("lei"), QStringLiteral("XKZZ2JZF41MRHTR1V493")},
                                    {QStringLiteral("entity"), entity},
                                    {QStringLiteral("registration"), registration}}}};
}

} // namespace

void LeiHealthTest::judge_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QStringList>("codes");
    const QString active = QStringLiteral("ACTIVE");
    const QString later = QStringLiteral("2027-06-30T00:00:00Z");
    // Every registration status: all but ISSUED and PENDING_TRANSFER are a code, lower-cased.
    for (const char *status : {"PENDING_VALIDATION", "DUPLICATE", "LAPSED", "MERGED", "RETIRED", "ANNULLED",
                               "CANCELLED", "TRANSFERRED", "PENDING_ARCHIVAL"})
        QTest::addRow("%s", status) << record(QString::fromLatin1(status), active, later)
                                    << QStringList{QString::fromLatin1(status).toLower()};
    QTest::newRow("ISSUED") << record(QStringLiteral("ISSUED"), active, later) << QStringList();
    QTest::newRow("PENDING_TRANSFER") << record(QStringLiteral("PENDING_TRANSFER"), active, later) << QStringList();
    QTest::newRow("lower-case lapsed") << record(QStringLiteral("lapsed"), active, later) << QStringList{QStringLiteral("lapsed")};
    QTest::newRow("inactive") << record(QStringLiteral("ISSUED"), QStringLiteral("INACTIVE"), later)
                              << QStringList{QStringLiteral("inactive")};
    QTest::newRow("entity status NULL") << record(QStringLiteral("ISSUED"), QStringLiteral("NULL"), later) << QStringList();
    QTest::newRow("successorEntity")
        << record(QStringLiteral("ISSUED"), active, later,
                  {{QStringLiteral("successorEntity"), QJsonObject{{QStringLiteral("lei"), kSuccessor}, {QStringLiteral("name"), QJsonValue::Null}}}})
        << QStringList{QStringLiteral("successor:") + kSuccessor};
    QTest::newRow("successorEntities[]")
        << record(QStringLiteral("ISSUED"), active, later,
                  {{QStringLiteral("successorEntity"), QJsonObject{{QStringLiteral("lei"), QJsonValue::Null}}},
                   {QStringLiteral("successorEntities"), QJsonArray{QJsonObject{{QStringLiteral("lei"), kSuccessor}},
                                                                    QJsonObject{{QStringLiteral("lei"), QStringLiteral("XKZZ2JZF41MRHTR1V493")}}}}})
        << QStringList{QStringLiteral("successor:") + kSuccessor};
    QTest::newRow("successor null") << record(QStringLiteral("ISSUED"), active, later,
                                              {{QStringLiteral("successorEntity"), QJsonValue::Null},
                                               {QStringLiteral("successorEntities"), QJsonArray()}})
                                    << QStringList();
    // Renewal: due within 30 days of the run's date (inclusive) or overdue.
    QTest::newRow("renewal in 30 days") << record(QStringLiteral("ISSUED"), active, QStringLiteral("2026-12-27T00:00:00Z"))
                                        << QStringList{QStringLiteral("renewal_due")};
    QTest::newRow("renewal in 31 days") << record(QStringLiteral("ISSUED"), active, QStringLiteral("2026-12-28T00:00:00Z"))
                                        << QStringList();
    QTest::newRow("renewal today") << record(QStringLiteral("ISSUED"), active, QStringLiteral("2026-11-27T00:00:00Z"))
                                   << QStringList{QStringLiteral("renewal_due")};
    QTest::newRow("renewal overdue") << record(QStringLiteral("ISSUED"), active, QStringLiteral("2025-01-01T00:00:00Z"))
                                     << QStringList{QStringLiteral("renewal_due")};
    // 01:00 at +02:00 on the 28th is the 27th in UTC: within 30 days.
    QTest::newRow("renewal with offset") << record(QStringLiteral("ISSUED"), active, QStringLiteral("2026-12-28T01:00:00+02:00"))
                                         << QStringList{QStringLiteral("renewal_due")};
    QTest::newRow("renewal invalid date") << record(QStringLiteral("ISSUED"), active, QStringLiteral("soon"))
                                          << QStringList();
    QTest::newRow("renewal null") << record(QStringLiteral("ISSUED"), active, QJsonValue::Null) << QStringList();
    QTest::newRow("all null") << record(QJsonValue::Null, QJsonValue::Null, QJsonValue::Null) << QStringList();
    // Contract order: status, inactive, successor, renewal_due.
    QTest::newRow("order")
        << record(QStringLiteral("LAPSED"), QStringLiteral("INACTIVE"), QStringLiteral("2026-01-01"),
                  {{QStringLiteral("successorEntity"), QJsonObject{{QStringLiteral("lei"), kSuccessor.toLower()}}}})
        << QStringList{QStringLiteral("lapsed"), QStringLiteral("inactive"), QStringLiteral("successor:") + kSuccessor,
                       QStringLiteral("renewal_due")};
}

void LeiHealthTest::judge()
{
    QFETCH(QJsonObject, json);
    QFETCH(QStringList, codes);
    GleifRecord r;
    QVERIFY(GleifRecord::fromJson(json, &r));
    QCOMPARE(LeiHealth::judge(r, kToday), codes);
    // A run's judgement adds `stale` last, for an expired answer used.
    HealthWarnings health;
    health.reset(kToday);
    QCOMPARE(health.today(), kToday);
    QVERIFY(HealthWarnings::isHealthCode(QStringLiteral("stale")));
    for (const QString &code : codes)
        QVERIFY2(HealthWarnings::isHealthCode(code), qPrintable(code));
}

void LeiHealthTest::utcDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("date");
    QTest::newRow("Z") << QStringLiteral("2027-01-01T00:00:00Z") << QDate(2027, 1, 1);
    QTest::newRow("milliseconds") << QStringLiteral("2027-01-01T23:59:59.500Z") << QDate(2027, 1, 1);
    QTest::newRow("offset back a day") << QStringLiteral("2027-01-01T01:00:00+02:00") << QDate(2026, 12, 31);
    QTest::newRow("plain date") << QStringLiteral("2027-01-01") << QDate(2027, 1, 1);
    QTest::newRow("empty") << QString() << QDate();
    QTest::newRow("garbage") << QStringLiteral("next year") << QDate();
}

void LeiHealthTest::utcDate()
{
    QFETCH(QString, text);
    QFETCH(QDate, date);
    QCOMPARE(LeiHealth::utcDate(text), date);
}

void LeiHealthTest::groupsAndWords()
{
    QCOMPARE(HealthWarnings::groupOf(QStringLiteral("successor:") + kSuccessor), QStringLiteral("successor"));
    QCOMPARE(HealthWarnings::groupOf(QStringLiteral("lapsed")), QStringLiteral("lapsed"));
    QVERIFY(!HealthWarnings::isHealthCode(QStringLiteral("extra_fields")));
    QVERIFY(!HealthWarnings::isHealthCode(QStringLiteral("missing_fields")));
    QVERIFY(HealthWarnings::describe(QStringLiteral("successor:") + kSuccessor).contains(kSuccessor));
    const QStringList &all = HealthWarnings::allCodes();
    QVERIFY(all.indexOf(QStringLiteral("lapsed")) < all.indexOf(QStringLiteral("inactive")));
    QVERIFY(all.indexOf(QStringLiteral("inactive")) < all.indexOf(QStringLiteral("successor")));
    QVERIFY(all.indexOf(QStringLiteral("successor")) < all.indexOf(QStringLiteral("renewal_due")));
    QVERIFY(all.indexOf(QStringLiteral("renewal_due")) < all.indexOf(QStringLiteral("parent_lookup_failed")));
    QCOMPARE(all.last(), QStringLiteral("stale"));
}

QTEST_GUILESS_MAIN(LeiHealthTest)
#include "leihealth_test.moc"
