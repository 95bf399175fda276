#include "leicache.h"
#include "appsettings.h"
#include "proxyauthdialog.h"
#include "mirrordialog.h"
#include "fieldsdialog.h"
#include "cachedialog.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "translation.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QDialogButtonBox>
#include <QKeySequence>
#include <QPushButton>
#include <QNetworkProxy>
#include <QTest>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <algorithm>

// The German translation is complete and is what the user gets when asking for it; English
// (the source language) stays as written.
class TranslationTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void germanTranslatesTheMenus();
    void englishStaysEnglish();
    void everyWindowFitsA1024By768ScreenInGerman();
    void germanReachesQtsOwnStringsAndNumbers();
    void englishPluralForms();
    void unknownLanguageFallsBackToEnglish();
    void settingsOffersTheLanguages();
    void germanTsFileIsComplete_data();
    void germanTsFileIsComplete();
};

void TranslationTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("translation_test"));
    QSettings().clear();
}

void TranslationTest::cleanup()
{
    installTranslations(*qApp, QStringLiteral("en"));
}

static QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

void TranslationTest::germanTranslatesTheMenus()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&Datei"));
    QCOMPARE(QCoreApplication::translate("Status", "Not found in GLEIF"), QStringLiteral("Nicht bei GLEIF gefunden"));
    // Technical tokens stay as they are.
    QVERIFY(QCoreApplication::translate("MainWindow", "Filter rows: text, or \"status is not_found\"")
                .contains(QStringLiteral("status is not_found")));
    QCOMPARE(QCoreApplication::translate("CacheDialog", "%n entries shown", nullptr, 1), QStringLiteral("1 Eintrag angezeigt"));
    QCOMPARE(QCoreApplication::translate("CacheDialog", "%n entries shown", nullptr, 3), QStringLiteral("3 Einträge angezeigt"));

    MainWindow window;
    const QStringList titles = menuTitles(window);
    QVERIFY2(titles.contains(QStringLiteral("&Datei")), qPrintable(titles.join(u", ")));
    QVERIFY2(titles.contains(QStringLiteral("&Hilfe")), qPrintable(titles.join(u", ")));
}

void TranslationTest::germanReachesQtsOwnStringsAndNumbers()
{
    // Qt's own buttons and key names (Debian's qt6-translations-l10n), and numbers in the
    // window's format; back to English after.
    installTranslations(*qApp, QStringLiteral("de"));
    QDialogButtonBox buttons(QDialogButtonBox::Cancel | QDialogButtonBox::Yes);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    QCOMPARE(buttons.button(QDialogButtonBox::Yes)->text(), QStringLiteral("&Ja"));
    QCOMPARE(QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText), QStringLiteral("Strg+E"));
    QCOMPARE(QStringLiteral("%L1").arg(1234567.5, 0, 'f', 1), QStringLiteral("1.234.567,5"));
    installTranslations(*qApp, QStringLiteral("en"));
    QCOMPARE(QDialogButtonBox(QDialogButtonBox::Cancel).button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
    QCOMPARE(QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText), QStringLiteral("Ctrl+E"));
    QVERIFY(QStringLiteral("%L1").arg(1234567.5, 0, 'f', 1).endsWith(QStringLiteral("567.5")));
}

void TranslationTest::everyWindowFitsA1024By768ScreenInGerman()
{
    // German labels are the longest: no window may need more than 1024 x 768 (less a panel).
    installTranslations(*qApp, QStringLiteral("de"));
    const QSize screen(1024, 740);
    LeiCache cache;
    const QNetworkProxy proxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.example.org"), 3128);
    MainWindow window;
    SettingsDialog settings(AppSettings{});
    CacheDialog cacheDialog(&cache);
    FieldsDialog fields(Fields::all());
    MirrorDialog mirror(QStringLiteral("/nonexistent/gleif-mirror.sqlite"));
    ProxyAuthDialog proxyAuth(proxy);
    for (QWidget *w : std::initializer_list<QWidget *>{&window, &settings, &cacheDialog, &fields, &mirror, &proxyAuth}) {
        w->show();
        const QSize needed = w->minimumSizeHint().expandedTo(w->minimumSize());
        QVERIFY2(needed.width() <= screen.width() && needed.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1 needs %2 x %3").arg(QString::fromLatin1(w->metaObject()->className()))
                                .arg(needed.width()).arg(needed.height())));
        QVERIFY2(w->width() <= screen.width(), w->metaObject()->className());
    }
}

void TranslationTest::englishStaysEnglish()
{
    installTranslations(*qApp, QStringLiteral("de"));
    QCOMPARE(installTranslations(*qApp, QStringLiteral("en")), QStringLiteral("en")); // replaces German
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
    MainWindow window;
    QVERIFY(menuTitles(window).contains(QStringLiteral("&File")));
}

void TranslationTest::englishPluralForms()
{
    installTranslations(*qApp, QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("CacheDialog", "%n entries shown", nullptr, 1), QStringLiteral("1 entry shown"));
    QCOMPARE(QCoreApplication::translate("CacheDialog", "%n entries shown", nullptr, 2), QStringLiteral("2 entries shown"));
}

void TranslationTest::unknownLanguageFallsBackToEnglish()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("xx")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
}

void TranslationTest::settingsOffersTheLanguages()
{
    AppSettings stored;
    stored.language = QStringLiteral("de");
    SettingsDialog dialog(stored);
    auto *box = dialog.findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(box);
    QCOMPARE(box->count(), 3);
    QCOMPARE(box->itemData(0).toString(), QString());
    QCOMPARE(box->itemData(1).toString(), QStringLiteral("en"));
    QCOMPARE(box->itemData(2).toString(), QStringLiteral("de"));
    QCOMPARE(box->currentData().toString(), QStringLiteral("de"));
    QCOMPARE(dialog.settings().language, QStringLiteral("de"));
    box->setCurrentIndex(0);
    QCOMPARE(dialog.settings().language, QString());
    QVERIFY(dialog.settings().problems().isEmpty());
}

void TranslationTest::germanTsFileIsComplete_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("de") << QStringLiteral(LEI_TRANSLATIONS_DIR "/lei-enricher_de.ts");
}

// Every message has a translation, none "unfinished" or empty; plural messages have both German
// forms; the %-placeholders of the source are all kept.
void TranslationTest::germanTsFileIsComplete()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList problems;
    QString context, source;
    QStringList forms;
    bool numerus = false;
    QString translationType;
    static const QRegularExpression placeholder(QStringLiteral("%L?\\d+|%n"));
    const auto placeholders = [](const QString &text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured();
        found.sort();
        found.removeDuplicates();
        return found;
    };
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"name") {
                context = xml.readElementText();
            } else if (xml.name() == u"message") {
                numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
                source.clear();
                forms.clear();
                translationType.clear();
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                translationType = xml.attributes().value(QLatin1String("type")).toString();
                if (!numerus)
                    forms << xml.readElementText();
            } else if (xml.name() == u"numerusform") {
                forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            ++messages;
            const QString where = context + u": " + source;
            if (!translationType.isEmpty())
                problems << where + u" [" + translationType + u']';
            if (forms.size() != (numerus ? 2 : 1) || std::any_of(forms.cbegin(), forms.cend(), [](const QString &f) { return f.isEmpty(); }))
                problems << where + u" [missing or empty form]";
            for (const QString &form : forms)
                if (placeholders(form) != placeholders(source))
                    problems << where + u" [placeholders differ: " + form + u']';
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 150);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_MAIN(TranslationTest)
#include "translation_test.moc"
