#include "namematcher.h"

#include <QTest>

using namespace Match;

namespace {

Entity entity(const QString &lei, const QString &name, const QString &country = QStringLiteral("DE"),
              const QString &registration = QStringLiteral("ISSUED"), const QString &status = QStringLiteral("ACTIVE"))
{
    Entity e;
    e.lei = lei;
    e.legalName = name;
    e.legalCountry = country;
    e.hqCountry = country;
    e.registrationStatus = registration;
    e.entityStatus = status;
    return e;
}

QString statusName(Status s)
{
    switch (s) {
    case Status::None: return QStringLiteral("none");
    case Status::Ambiguous: return QStringLiteral("ambiguous");
    case Status::Probable: return QStringLiteral("probable");
    case Status::Exact: return QStringLiteral("exact");
    case Status::Accepted: return QStringLiteral("accepted");
    }
    return {};
}

} // namespace

class NameMatcherTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalise_data();
    void normalise();
    void sameName_data();
    void sameName();
    void countryCode_data();
    void countryCode();
    void rank_data();
    void rank();
    void rankKeepsThreeBestFirst();
    void rankRecordsMatchedName();
    void typoStillRanksFirst();
};

void NameMatcherTest::normalise_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("form");
    // English
    QTest::newRow("en Ltd") << "Barclays Bank Ltd." << "barclays bank" << "LTD";
    QTest::newRow("en Limited") << "BARCLAYS  BANK LIMITED" << "barclays bank" << "LTD";
    QTest::newRow("en PLC written out") << "Marks & Spencer Public Limited Company" << "marks spencer" << "PLC";
    QTest::newRow("en P.L.C.") << "Marks and Spencer P.L.C." << "marks spencer" << "PLC";
    QTest::newRow("en The, Inc") << "The Goldman Sachs Group, Inc." << "goldman sachs group" << "INC";
    QTest::newRow("en Incorporated") << "Goldman Sachs Group Incorporated" << "goldman sachs group" << "INC";
    QTest::newRow("en Corporation") << "Toyota Motor Corporation" << "toyota motor" << "CORP";
    QTest::newRow("en Company -> co") << "Ford Motor Company" << "ford motor co" << "";
    QTest::newRow("en The alone stays") << "The" << "the" << "";
    QTest::newRow("en typo in Limited") << "Acme Holdings Lmiited" << "acme holdings" << "LTD";
    QTest::newRow("en no typo of Limited") << "Acme Limiters" << "acme limiters" << "";
    QTest::newRow("en LLC") << "Acme Widgets, L.L.C." << "acme widgets" << "LLC";
    // German
    QTest::newRow("de AG") << "Deutsche Bank AG" << "deutsche bank" << "AG";
    QTest::newRow("de Aktiengesellschaft") << "Deutsche Bank Aktiengesellschaft" << "deutsche bank" << "AG";
    QTest::newRow("de GmbH umlaut") << "Müller & Söhne GmbH" << "muller sohne" << "GMBH";
    QTest::newRow("de GmbH written out") << "Müller und Söhne Gesellschaft mit beschränkter Haftung" << "muller sohne" << "GMBH";
    QTest::newRow("de sharp s") << "Großhandel Weiß KG" << "grosshandel weiss" << "KG";
    QTest::newRow("de GmbH & Co. KG") << "Schmidt Logistik GmbH & Co. KG" << "schmidt logistik" << "GMBHCOKG";
    QTest::newRow("de GmbH und Co. Kommanditgesellschaft") << "Schmidt Logistik GmbH und Co. Kommanditgesellschaft" << "schmidt logistik" << "GMBHCOKG";
    QTest::newRow("de Kommanditgesellschaft") << "Schmidt Kommanditgesellschaft" << "schmidt" << "KG";
    // French
    QTest::newRow("fr S.A.") << "Société Générale S.A." << "societe generale" << "SA";
    QTest::newRow("fr société anonyme") << "SOCIETE GENERALE SOCIÉTÉ ANONYME" << "societe generale" << "SA";
    QTest::newRow("fr SARL written out") << "Dupont et Fils société à responsabilité limitée" << "dupont fils" << "SARL";
    QTest::newRow("fr société en nom collectif") << "Martin et Fils Société en Nom Collectif" << "martin fils" << "SNC";
    QTest::newRow("fr S.A.S.") << "L'Oréal Distribution S.A.S." << "loreal distribution" << "SAS";
    QTest::newRow("fr S. A. spaced") << "Crédit Agricole S. A." << "credit agricole" << "SA";
    // Dutch
    QTest::newRow("nl B.V.") << "Van den Berg Transport B.V." << "van den berg transport" << "BV";
    QTest::newRow("nl besloten vennootschap") << "Van den Berg Transport Besloten Vennootschap" << "van den berg transport" << "BV";
    QTest::newRow("nl N.V.") << "Koninklijke Philips N.V." << "koninklijke philips" << "NV";
    QTest::newRow("nl naamloze vennootschap") << "Koninklijke Philips naamloze vennootschap" << "koninklijke philips" << "NV";
    QTest::newRow("nl en") << "Jansen en Zonen BV" << "jansen zonen" << "BV";
    // Spanish
    QTest::newRow("es S.A.") << "Telefónica, S.A." << "telefonica" << "SA";
    QTest::newRow("es sociedad anónima") << "Telefónica Sociedad Anónima" << "telefonica" << "SA";
    QTest::newRow("es S.L.") << "García y Hermanos, S.L." << "garcia hermanos" << "SL";
    QTest::newRow("es sociedad limitada") << "Garcia y Hermanos Sociedad Limitada" << "garcia hermanos" << "SL";
    QTest::newRow("es ñ") << "Construcciones Peña SA" << "construcciones pena" << "SA";
    // Italian
    QTest::newRow("it S.p.A.") << "Fiat Chrysler Automobiles S.p.A." << "fiat chrysler automobiles" << "SPA";
    QTest::newRow("it società per azioni") << "Fiat Chrysler Automobiles Società per Azioni" << "fiat chrysler automobiles" << "SPA";
    QTest::newRow("it S.r.l.") << "Rossi e Bianchi S.r.l." << "rossi bianchi" << "SRL";
    QTest::newRow("it written out srl") << "Rossi e Bianchi società a responsabilità limitata" << "rossi bianchi" << "SRL";
    // Unicode
    QTest::newRow("compat: full width, ligature") << "\uFF21\uFF22\uFF23 \uFB01nance AG" << "abc finance" << "AG";
    QTest::newRow("nordic letters") << "Ørsted Æble A/S" << "orsted aeble as" << "";
    QTest::newRow("combining acute") << "Cafe\u0301 Noir SARL" << "cafe noir" << "SARL";
    QTest::newRow("punctuation and lines") << "Smith, \"Jones\"\n& Partners (UK)  Ltd" << "smith jones partners uk" << "LTD";
    QTest::newRow("hyphen separates") << "Coca-Cola Hellenic AG" << "coca cola hellenic" << "AG";
}

void NameMatcherTest::normalise()
{
    QFETCH(QString, name);
    QFETCH(QString, key);
    QFETCH(QString, form);
    const NormalisedName n = Match::normalise(name);
    QCOMPARE(n.key(), key);
    QCOMPARE(n.legalForm, form);
}

void NameMatcherTest::sameName_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("case, punctuation") << "ACME HOLDINGS LTD" << "Acme Holdings, Ltd." << true;
    QTest::newRow("& and") << "Smith & Jones Ltd" << "Smith and Jones Limited" << true;
    QTest::newRow("the dropped") << "The Acme Group plc" << "Acme Group Public Limited Company" << true;
    QTest::newRow("diacritics dropped") << "Société Générale SA" << "Societe Generale S.A." << true;
    QTest::newRow("AG vs GmbH") << "Müller Bau AG" << "Müller Bau GmbH" << false;
    QTest::newRow("form missing") << "Müller Bau" << "Müller Bau GmbH" << false;
}

void NameMatcherTest::sameName()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(Match::normalise(a) == Match::normalise(b), same);
    QCOMPARE(similarity(Match::normalise(a), Match::normalise(b)) == 100, same);
}

void NameMatcherTest::countryCode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("alpha-2") << "DE" << "DE";
    QTest::newRow("alpha-2 lower, spaces") << " nl " << "NL";
    QTest::newRow("alpha-3") << "DEU" << "DE";
    QTest::newRow("alpha-3 lower") << "gbr" << "GB";
    QTest::newRow("English name") << "Germany" << "DE";
    QTest::newRow("English name, case") << "UNITED KINGDOM" << "GB";
    QTest::newRow("UK") << "UK" << "GB";
    QTest::newRow("name with diacritics") << "Côte d'Ivoire" << "CI";
    QTest::newRow("name without") << "Cote dIvoire" << "CI";
    QTest::newRow("United States") << "United States" << "US";
    QTest::newRow("not a code") << "XX" << "";
    QTest::newRow("not alpha-3") << "ABC" << "";
    QTest::newRow("not a name") << "Atlantis" << "";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("digits") << "276" << "";
}

void NameMatcherTest::countryCode()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QCOMPARE(Match::countryCode(text), code);
}

void NameMatcherTest::rank_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("bic");
    QTest::addColumn<QVector<Entity>>("candidates");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("lei");
    QTest::addColumn<int>("score");

    const QString a = QStringLiteral("LEIAAAAAAAAAAAAAAA01"), b = QStringLiteral("LEIBBBBBBBBBBBBBBB02"),
                  c = QStringLiteral("LEICCCCCCCCCCCCCCC03");
    const auto E = [](const QString &lei, const QString &name, const QString &country = QStringLiteral("DE"),
                      const QString &reg = QStringLiteral("ISSUED"), const QString &st = QStringLiteral("ACTIVE")) {
        return entity(lei, name, country, reg, st);
    };
    Entity other = E(b, QStringLiteral("Irrelevant Holdings GmbH"));
    other.otherNames = {QStringLiteral("Müller Bau AG")};
    Entity bicA = E(a, QStringLiteral("Alpha Bank AG"));
    bicA.byBic = true;
    Entity bicB = E(b, QStringLiteral("Alpha Bank Luxembourg SA"), QStringLiteral("LU"));
    bicB.byBic = true;

    QTest::newRow("exact") << "MÜLLER BAU AKTIENGESELLSCHAFT" << "" << ""
                           << QVector<Entity>{E(a, QStringLiteral("Müller Bau AG")), E(b, QStringLiteral("Müller Bau GmbH"))}
                           << "exact" << a << 100;
    QTest::newRow("exact by other name") << "Müller Bau AG" << "" << "" << QVector<Entity>{other, E(a, QStringLiteral("Muller Bauen AG"))}
                                         << "exact" << b << 100;
    QTest::newRow("AG vs GmbH is no match") << "Müller Bau AG" << "" << "" << QVector<Entity>{E(b, QStringLiteral("Müller Bau GmbH"))}
                                            << "ambiguous" << "" << 70;
    QTest::newRow("tie: ISSUED over LAPSED") << "Acme Ltd" << "" << ""
                                             << QVector<Entity>{E(a, QStringLiteral("ACME LIMITED"), QStringLiteral("GB"), QStringLiteral("LAPSED")),
                                                                E(b, QStringLiteral("Acme Ltd."), QStringLiteral("GB"))}
                                             << "exact" << b << 100;
    QTest::newRow("tie: ACTIVE over INACTIVE") << "Acme Ltd" << "" << ""
                                               << QVector<Entity>{E(a, QStringLiteral("Acme Ltd"), QStringLiteral("GB"), QStringLiteral("ISSUED"), QStringLiteral("INACTIVE")),
                                                                  E(b, QStringLiteral("Acme Ltd"), QStringLiteral("GB"))}
                                               << "exact" << b << 100;
    QTest::newRow("tie undecided: ambiguous") << "Acme Ltd" << "" << ""
                                              << QVector<Entity>{E(a, QStringLiteral("Acme Ltd"), QStringLiteral("GB")), E(b, QStringLiteral("Acme Ltd"), QStringLiteral("IE"))}
                                              << "ambiguous" << "" << 100;
    QTest::newRow("country decides the tie") << "Acme Ltd" << "IE" << ""
                                             << QVector<Entity>{E(a, QStringLiteral("Acme Ltd"), QStringLiteral("GB")), E(b, QStringLiteral("Acme Ltd"), QStringLiteral("IE"))}
                                             << "exact" << b << 100;
    QTest::newRow("country disagreeing drops") << "Acme Ltd" << "FR" << ""
                                               << QVector<Entity>{E(a, QStringLiteral("Acme Ltd"), QStringLiteral("GB"))} << "none" << "" << -1;
    Entity hq = E(a, QStringLiteral("Acme Ltd"), QStringLiteral("GB"));
    hq.hqCountry = QStringLiteral("FR");
    QTest::newRow("HQ country agrees") << "Acme Ltd" << "FR" << "" << QVector<Entity>{hq} << "exact" << a << 100;
    Entity hqOnly = E(b, QStringLiteral("Acme Ltd"), QStringLiteral("GB"));
    hqOnly.hqCountry = QStringLiteral("IE");
    QTest::newRow("tie: legal country over HQ country") << "Acme Ltd" << "IE" << ""
                                                        << QVector<Entity>{hqOnly, E(a, QStringLiteral("Acme Ltd"), QStringLiteral("IE"), QStringLiteral("LAPSED"))}
                                                        << "exact" << a << 100;
    QTest::newRow("probable: one typo") << "Deutsche Bnak AG" << "" << ""
                                        << QVector<Entity>{E(a, QStringLiteral("Deutsche Bank AG")), E(b, QStringLiteral("Deutsche Pfandbriefbank AG"))}
                                        << "probable" << a << 92;
    QTest::newRow("probable: form missing") << "Deutsche Bank" << "" << ""
                                            << QVector<Entity>{E(a, QStringLiteral("Deutsche Bank AG"))} << "probable" << a << 96;
    QTest::newRow("ambiguous: close rivals") << "Deutsche Bank" << "" << ""
                                             << QVector<Entity>{E(a, QStringLiteral("Deutsche Bank AG")), E(b, QStringLiteral("Deutsche Bank GmbH"))}
                                             << "ambiguous" << "" << 96;
    QTest::newRow("ambiguous: one weak candidate") << "Deutsche Bahn AG" << "" << ""
                                                   << QVector<Entity>{E(a, QStringLiteral("Deutsche Bank AG"))} << "ambiguous" << "" << 85;
    QTest::newRow("none: far") << "Siemens AG" << "" << "" << QVector<Entity>{E(a, QStringLiteral("Deutsche Bank AG"))}
                               << "none" << "" << 23;
    QTest::newRow("none: no candidate") << "Siemens AG" << "" << "" << QVector<Entity>{} << "none" << "" << -1;
    QTest::newRow("BIC: one") << "" << "" << "ALPHDEFF" << QVector<Entity>{bicA, E(b, QStringLiteral("Beta AG"))} << "exact" << a << 100;
    QTest::newRow("BIC: one, country of a branch") << "Alpha Bank" << "GB" << "ALPHGB2L" << QVector<Entity>{bicA} << "exact" << a << 100;
    QTest::newRow("BIC: several") << "Alpha Bank AG" << "" << "ALPHDEFF" << QVector<Entity>{bicA, bicB} << "ambiguous" << "" << 100;
    QTest::newRow("BIC: same LEI twice is one") << "" << "" << "ALPHDEFF" << QVector<Entity>{bicA, bicA} << "exact" << a << 100;
    const QVector<Entity> acme{E(a, QStringLiteral("Acme Ltd"))};
    QTest::newRow("bad: empty name") << "  " << "" << "" << acme << "none" << "" << -1;
    QTest::newRow("bad: one character") << "A" << "" << "" << acme << "none" << "" << -1;
    QTest::newRow("bad: only digits") << "12345" << "" << "" << acme << "none" << "" << -1;
    QTest::newRow("bad: digits and punctuation") << "12.345,00" << "" << "" << acme << "none" << "" << -1;
    QTest::newRow("bad: no country") << "Acme Ltd" << "XX" << "" << acme << "none" << "" << -1;
    QTest::newRow("bad: country not a code") << "Acme Ltd" << "Germany" << "" << acme << "none" << "" << -1;
}

void NameMatcherTest::rank()
{
    QFETCH(QString, name);
    QFETCH(QString, country);
    QFETCH(QString, bic);
    QFETCH(QVector<Entity>, candidates);
    QFETCH(QString, status);
    QFETCH(QString, lei);
    QFETCH(int, score);
    const Result r = Match::rank({name, country, bic}, candidates);
    QCOMPARE(statusName(r.status), status);
    QCOMPARE(r.lei, lei);
    QCOMPARE(r.score, score);
    if (r.status == Status::None || r.status == Status::Ambiguous)
        QVERIFY2(!r.reason.isEmpty(), "a reason in words");
    if (!r.candidates.isEmpty())
        QCOMPARE(r.candidates.first().score, r.score);
}

void NameMatcherTest::rankKeepsThreeBestFirst()
{
    QVector<Entity> candidates;
    const QStringList names{QStringLiteral("Alpha Beta Gamma AG"), QStringLiteral("Alpha Beta Gamme AG"),
                            QStringLiteral("Alpha Beta AG"), QStringLiteral("Alpha Beta Gamma Delta AG"),
                            QStringLiteral("Alpha Beta Gamma GmbH")};
    for (int i = 0; i < names.size(); ++i)
        candidates.append(entity(QStringLiteral("LEI%1").arg(i), names[i]));
    std::reverse(candidates.begin(), candidates.end());
    const Result r = Match::rank({QStringLiteral("Alpha Beta Gamma AG"), {}, {}}, candidates);
    QCOMPARE(r.status, Status::Exact);
    QCOMPARE(r.candidates.size(), 3);
    QCOMPARE(r.candidates[0].entity.lei, QStringLiteral("LEI0"));
    QCOMPARE(r.candidates[1].entity.lei, QStringLiteral("LEI1"));
    QVERIFY(r.candidates[1].score >= r.candidates[2].score);
    QVERIFY(r.candidates[1].score < 100);
}

void NameMatcherTest::rankRecordsMatchedName()
{
    Entity e = entity(QStringLiteral("LEI1"), QStringLiteral("ООО Ромашка"));
    e.otherNames = {QStringLiteral("Romashka LLC"), QStringLiteral("Romashka Trading Limited")};
    const Result r = Match::rank({QStringLiteral("ROMASHKA TRADING LTD"), {}, {}}, {e});
    QCOMPARE(r.status, Status::Exact);
    QCOMPARE(r.candidates[0].matchedName, QStringLiteral("Romashka Trading Limited"));
    QCOMPARE(r.candidates[0].matchedWords, (QStringList{QStringLiteral("romashka"), QStringLiteral("trading")}));
}

void NameMatcherTest::typoStillRanksFirst()
{
    // One edit anywhere in a name of ordinary length keeps it ahead of a name one word away.
    const QString name = QStringLiteral("Hoffmann Maschinenbau GmbH");
    const QVector<Entity> candidates{entity(QStringLiteral("LEI1"), QStringLiteral("Hoffmann Anlagenbau GmbH")),
                                     entity(QStringLiteral("LEI2"), name),
                                     entity(QStringLiteral("LEI3"), QStringLiteral("Hoffmann Maschinenbau AG"))};
    for (int i = 0; i < 21; ++i) {
        QString typo = name;
        typo[i] = typo[i] == u'x' ? u'y' : u'x';
        const Result r = Match::rank({typo, {}, {}}, candidates);
        QVERIFY2(r.candidates.value(0).entity.lei == u"LEI2", qPrintable(typo));
        QCOMPARE(r.status, Status::Probable);
    }
}

QTEST_GUILESS_MAIN(NameMatcherTest)
#include "namematcher_test.moc"
