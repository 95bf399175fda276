#include "gleifrecord.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// GleifRecord::fromJson reads the attributes of the field catalogue and the parent links of a
// record's `relationships` (shaped as in docs/gleif-api.md, "Registration, entity status,
// relationships").
class GleifRecordTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void legalForm_data();
    void legalForm();
    void otherNames_data();
    void otherNames();
    void parentLinks_data();
    void parentLinks();
    void attributes();
};

namespace {

const QString kBase = QStringLiteral("https://api.gleif.org/api/v1/lei-records/XKZZ2JZF41MRHTR1V493");

QJsonObject record(const QJsonObject &entity, const QJsonObject &relationships = {})
{
    QJsonObject r{{QStringLiteral("type"), QStringLiteral("lei-records")},
                  {QStringLiteral("id"), QStringLiteral("XKZZ2JZF41MRHTR1V493")},
                  {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("lei"), QStringLiteral("XKZZ2JZF41MRHTR1V493")},
                                                             {QStringLiteral("entity"), entity}}}};
    if (!relationships.isEmpty())
        r.insert(QStringLiteral("relationships"), relationships);
    return r;
}

QJsonObject links(std::initializer_list<const char *> names)
{
    QJsonObject l;
    for (const char *name : names)
        l.insert(QString::fromLatin1(name), QString(kBase + QLatin1Char('/') + QString::fromLatin1(name)));
    return QJsonObject{{QStringLiteral("links"), l}};
}

} // namespace

void GleifRecordTest::legalForm_data()
{
    QTest::addColumn<QJsonValue>("legalForm");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id") << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("H0PO")}, {QStringLiteral("other"), QJsonValue::Null}})
                        << QStringLiteral("H0PO");
    QTest::newRow("id wins over other") << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("H0PO")}, {QStringLiteral("other"), QStringLiteral("Ltd")}})
                                        << QStringLiteral("H0PO");
    QTest::newRow("other, id null") << QJsonValue(QJsonObject{{QStringLiteral("id"), QJsonValue::Null}, {QStringLiteral("other"), QStringLiteral("Stichting")}})
                                    << QStringLiteral("Stichting");
    QTest::newRow("8888 means other") << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("8888")}, {QStringLiteral("other"), QStringLiteral("Trust")}})
                                      << QStringLiteral("Trust");
    QTest::newRow("8888, other null") << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("8888")}, {QStringLiteral("other"), QJsonValue::Null}})
                                      << QString();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QString();
}

void GleifRecordTest::legalForm()
{
    QFETCH(QJsonValue, legalForm);
    QFETCH(QString, expected);
    GleifRecord r;
    QVERIFY(GleifRecord::fromJson(record({{QStringLiteral("legalForm"), legalForm}}), &r));
    QCOMPARE(r.legalForm, expected);
}

void GleifRecordTest::otherNames_data()
{
    QTest::addColumn<QJsonValue>("otherNames");
    QTest::addColumn<QStringList>("expected");
    auto name = [](const QJsonValue &n) {
        return QJsonObject{{QStringLiteral("name"), n}, {QStringLiteral("language"), QStringLiteral("en")},
                           {QStringLiteral("type"), QStringLiteral("TRADING_OR_OPERATING_NAME")}};
    };
    QTest::newRow("two, in order") << QJsonValue(QJsonArray{name(QStringLiteral("Beta")), name(QStringLiteral("Alpha"))})
                                   << QStringList{QStringLiteral("Beta"), QStringLiteral("Alpha")};
    QTest::newRow("null names skipped") << QJsonValue(QJsonArray{name(QJsonValue::Null), name(QStringLiteral("Alpha"))})
                                        << QStringList{QStringLiteral("Alpha")};
    QTest::newRow("empty") << QJsonValue(QJsonArray()) << QStringList();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QStringList();
}

void GleifRecordTest::otherNames()
{
    QFETCH(QJsonValue, otherNames);
    QFETCH(QStringList, expected);
    GleifRecord r;
    QVERIFY(GleifRecord::fromJson(record({{QStringLiteral("otherNames"), otherNames}}), &r));
    QCOMPARE(r.otherNames, expected);
}

void GleifRecordTest::parentLinks_data()
{
    using Link = GleifRecord::ParentLink;
    QTest::addColumn<QJsonObject>("relationships");
    QTest::addColumn<int>("direct");
    QTest::addColumn<int>("ultimate");
    const QJsonObject lou{{QStringLiteral("managing-lou"), links({"related"})}};
    QTest::newRow("no relationships") << QJsonObject() << int(Link::Unknown) << int(Link::Unknown);
    QTest::newRow("managing-lou only (fixtures)") << lou << int(Link::Unknown) << int(Link::Unknown);
    QTest::newRow("both reported")
        << QJsonObject{{QStringLiteral("direct-parent"), links({"relationship-record", "lei-record"})},
                       {QStringLiteral("ultimate-parent"), links({"relationship-record", "lei-record"})}}
        << int(Link::Reported) << int(Link::Reported);
    QTest::newRow("lei-record alone") << QJsonObject{{QStringLiteral("direct-parent"), links({"lei-record"})}}
                                      << int(Link::Reported) << int(Link::Unknown);
    QTest::newRow("both exceptions")
        << QJsonObject{{QStringLiteral("direct-parent"), links({"reporting-exception"})},
                       {QStringLiteral("ultimate-parent"), links({"reporting-exception"})}}
        << int(Link::Exception) << int(Link::Exception);
    QTest::newRow("direct reported, ultimate exception")
        << QJsonObject{{QStringLiteral("direct-parent"), links({"relationship-record", "lei-record"})},
                       {QStringLiteral("ultimate-parent"), links({"reporting-exception"})}}
        << int(Link::Reported) << int(Link::Exception);
    QTest::newRow("no links object") << QJsonObject{{QStringLiteral("direct-parent"), QJsonObject()}}
                                     << int(Link::Unknown) << int(Link::Unknown);
}

void GleifRecordTest::parentLinks()
{
    QFETCH(QJsonObject, relationships);
    QFETCH(int, direct);
    QFETCH(int, ultimate);
    GleifRecord r;
    QVERIFY(GleifRecord::fromJson(record({}, relationships), &r));
    QCOMPARE(int(r.directParent), direct);
    QCOMPARE(int(r.ultimateParent), ultimate);
}

void GleifRecordTest::attributes()
{
    const QJsonObject entity{
        {QStringLiteral("headquartersAddress"), QJsonObject{{QStringLiteral("country"), QStringLiteral("NL")}}},
        {QStringLiteral("legalAddress"), QJsonObject{{QStringLiteral("country"), QStringLiteral("GB")}}},
        {QStringLiteral("jurisdiction"), QStringLiteral("GB-ENG")},
        {QStringLiteral("category"), QStringLiteral("FUND")},
        {QStringLiteral("status"), QStringLiteral("ACTIVE")},
    };
    QJsonObject json = record(entity);
    QJsonObject attributes = json.value(QStringLiteral("attributes")).toObject();
    attributes.insert(QStringLiteral("registration"), QJsonObject{{QStringLiteral("status"), QStringLiteral("ISSUED")},
                                                                  {QStringLiteral("nextRenewalDate"), QStringLiteral("2027-01-01T00:00:00Z")}});
    json.insert(QStringLiteral("attributes"), attributes);
    GleifRecord r;
    QVERIFY(GleifRecord::fromJson(json, &r));
    QCOMPARE(r.country, QStringLiteral("GB"));
    QCOMPARE(r.hqCountry, QStringLiteral("NL"));
    QCOMPARE(r.jurisdiction, QStringLiteral("GB-ENG"));
    QCOMPARE(r.category, QStringLiteral("FUND"));
    QCOMPARE(r.nextRenewalDate, QStringLiteral("2027-01-01T00:00:00Z"));
    QCOMPARE(r.successorLei, QString());
    QCOMPARE(r.directParent, GleifRecord::ParentLink::Unknown);
}

QTEST_GUILESS_MAIN(GleifRecordTest)
#include "gleifrecord_test.moc"
