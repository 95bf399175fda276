#include "appsettings.h"
#include "fieldcatalogue.h"
#include "fieldsdialog.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using Fields::Id;
Q_DECLARE_METATYPE(QVector<Fields::Id>)

namespace {

QListWidgetItem *itemFor(FieldsDialog &d, Id id)
{
    for (int row = 0; row < d.list()->count(); ++row) {
        if (Id(d.list()->item(row)->data(Qt::UserRole).toInt()) == id)
            return d.list()->item(row);
    }
    return nullptr;
}

int rowOf(FieldsDialog &d, Id id)
{
    return d.list()->row(itemFor(d, id));
}

QPushButton *button(FieldsDialog &d, const char *name)
{
    return d.findChild<QPushButton *>(QString::fromLatin1(name));
}

QPushButton *okButton(FieldsDialog &d)
{
    auto *box = d.findChild<QDialogButtonBox *>();
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

QStringList names(const QVector<Id> &ids)
{
    QStringList out;
    for (const Id id : ids)
        out << Fields::name(id);
    return out;
}

} // namespace

class FieldsDialogTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void listsTheWholeCatalogueWithMeanings();
    void opensWithTheChosenFieldsFirstInTheirOrder();
    void checkingAndUncheckingChangesTheChoice();
    void reorderingThroughTheModelAsADropDoes();
    void reorderingThroughTheButtons();
    void moveButtonsAreDisabledAtTheEnds();
    void restoreDefaults();
    void okIsDisabledWithAHintWhenNothingIsChecked();
    void parentFieldsCanBeChosen();
    void settingsRoundTripThroughQSettings();
    void storedUnknownNamesAreIgnored_data();
    void storedUnknownNamesAreIgnored();
    void menuActionOpensTheDialogAndAppliesTheChoice();
    void cancelKeepsTheSettings();
};

void FieldsDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("fieldsdialog_test"));
}

void FieldsDialogTest::init()
{
    QSettings().clear();
}

void FieldsDialogTest::listsTheWholeCatalogueWithMeanings()
{
    FieldsDialog d(Fields::defaults());
    QCOMPARE(d.list()->count(), Fields::catalogue().size());
    for (const Fields::Info &info : Fields::catalogue()) {
        QListWidgetItem *item = itemFor(d, info.id);
        QVERIFY2(item, info.name);
        QCOMPARE(item->text(), Fields::name(info.id) + u'\n' + Fields::meaning(info.id));
    }
}

void FieldsDialogTest::opensWithTheChosenFieldsFirstInTheirOrder()
{
    const QVector<Id> chosen{Id::Country, Id::LeiWarning, Id::LegalName};
    FieldsDialog d(chosen);
    QCOMPARE(d.fields(), chosen);
    QCOMPARE(rowOf(d, Id::Country), 0);
    QCOMPARE(rowOf(d, Id::LeiWarning), 1);
    QCOMPARE(rowOf(d, Id::LegalName), 2);
    // The rest follow in catalogue order, unchecked.
    QCOMPARE(rowOf(d, Id::Bic), 3);
    QCOMPARE(rowOf(d, Id::HqCountry), 4);
    QCOMPARE(itemFor(d, Id::Bic)->checkState(), Qt::Unchecked);
}

void FieldsDialogTest::checkingAndUncheckingChangesTheChoice()
{
    FieldsDialog d(Fields::defaults());
    itemFor(d, Id::Bic)->setCheckState(Qt::Unchecked);
    itemFor(d, Id::EntityStatus)->setCheckState(Qt::Checked);
    QCOMPARE(d.fields(), (QVector<Id>{Id::LegalName, Id::Country, Id::EntityStatus}));
}

void FieldsDialogTest::reorderingThroughTheModelAsADropDoes()
{
    FieldsDialog d(Fields::defaults());
    QVERIFY(d.list()->dragEnabled());
    QCOMPARE(d.list()->dragDropMode(), QAbstractItemView::InternalMove);
    // An internal drop moves the row in the list's model.
    QVERIFY(d.list()->model()->moveRow(QModelIndex(), rowOf(d, Id::Country), QModelIndex(), 0));
    QCOMPARE(d.fields(), (QVector<Id>{Id::Country, Id::LegalName, Id::Bic}));
}

void FieldsDialogTest::reorderingThroughTheButtons()
{
    FieldsDialog d(Fields::defaults());
    d.show();
    QVERIFY(QTest::qWaitForWindowActive(&d)); // for the mnemonics below
    d.list()->setCurrentRow(rowOf(d, Id::Country));
    QTest::mouseClick(button(d, "moveUp"), Qt::LeftButton);
    QCOMPARE(d.fields(), (QVector<Id>{Id::LegalName, Id::Country, Id::Bic}));
    QCOMPARE(d.list()->currentRow(), 1); // the moved field stays current: press again to go on
    QTest::mouseClick(button(d, "moveUp"), Qt::LeftButton);
    QCOMPARE(d.fields(), (QVector<Id>{Id::Country, Id::LegalName, Id::Bic}));
    // From the keyboard: the buttons' mnemonics (a mnemonic clicks after a short animation).
    d.list()->setCurrentRow(rowOf(d, Id::LegalName));
    d.list()->setFocus();
    QTest::keyClick(&d, Qt::Key_D, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(d.fields(), (QVector<Id>{Id::Country, Id::Bic, Id::LegalName}), 30000);
    QTest::keyClick(&d, Qt::Key_U, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(d.fields(), (QVector<Id>{Id::Country, Id::LegalName, Id::Bic}), 30000);
}

void FieldsDialogTest::moveButtonsAreDisabledAtTheEnds()
{
    FieldsDialog d(Fields::defaults());
    d.list()->setCurrentRow(0);
    QVERIFY(!button(d, "moveUp")->isEnabled());
    QVERIFY(button(d, "moveDown")->isEnabled());
    d.list()->setCurrentRow(d.list()->count() - 1);
    QVERIFY(button(d, "moveUp")->isEnabled());
    QVERIFY(!button(d, "moveDown")->isEnabled());
}

void FieldsDialogTest::restoreDefaults()
{
    FieldsDialog d({Id::DataSource, Id::Bic});
    itemFor(d, Id::LeiWarning)->setCheckState(Qt::Checked);
    QTest::mouseClick(button(d, "restoreDefaults"), Qt::LeftButton);
    QCOMPARE(d.fields(), Fields::defaults());
    for (int row = 0; row < d.list()->count(); ++row)
        QCOMPARE(Id(d.list()->item(row)->data(Qt::UserRole).toInt()), Fields::catalogue().at(row).id);
}

void FieldsDialogTest::okIsDisabledWithAHintWhenNothingIsChecked()
{
    FieldsDialog d({Id::Bic});
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QPushButton *ok = okButton(d);
    QVERIFY(ok);
    auto *hint = d.findChild<QLabel *>(QStringLiteral("hint"));
    QVERIFY(hint);
    QVERIFY(ok->isEnabled());
    QVERIFY(!hint->isVisible());
    itemFor(d, Id::Bic)->setCheckState(Qt::Unchecked);
    QVERIFY(d.fields().isEmpty());
    QVERIFY(!ok->isEnabled());
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("at least one field")));
    itemFor(d, Id::Country)->setCheckState(Qt::Checked);
    QVERIFY(ok->isEnabled());
    QVERIFY(!hint->isVisible());
}

void FieldsDialogTest::parentFieldsCanBeChosen()
{
    FieldsDialog d(Fields::defaults());
    int parents = 0;
    for (const Fields::Info &info : Fields::catalogue()) {
        QListWidgetItem *item = itemFor(d, info.id);
        QVERIFY(item->flags() & Qt::ItemIsEnabled);
        if (!info.parent) {
            QVERIFY(item->toolTip().isEmpty());
            continue;
        }
        ++parents;
        // What choosing one costs online is said before it is chosen.
        QVERIFY2(item->toolTip().contains(QStringLiteral("one request to GLEIF per parent or exception")), qPrintable(item->toolTip()));
        QCOMPARE(item->checkState(), Qt::Unchecked);
        item->setCheckState(Qt::Checked);
        QCOMPARE(d.fields().last(), info.id);
    }
    QCOMPARE(parents, 6);
    // Chosen ones open checked, in their place.
    const QVector<Id> chosen{Id::UltimateParentName, Id::LegalName};
    FieldsDialog again(chosen);
    QCOMPARE(again.fields(), chosen);
}

void FieldsDialogTest::settingsRoundTripThroughQSettings()
{
    const QVector<Id> chosen{Id::LeiWarning, Id::LegalName, Id::NextRenewalDate};
    {
        AppSettings s;
        QCOMPARE(s.enrichment.fields, Fields::defaults());
        s.enrichment.fields = chosen;
        QSettings stored;
        s.save(stored);
        QCOMPARE(stored.value(QStringLiteral("enrich/fields")).toStringList(), names(chosen));
    }
    QSettings stored;
    const AppSettings loaded = AppSettings::load(stored);
    QCOMPARE(loaded.enrichment.fields, chosen);
    QVERIFY(loaded.ignored.isEmpty());
}

void FieldsDialogTest::storedUnknownNamesAreIgnored_data()
{
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QVector<Id>>("loaded");
    QTest::addColumn<QStringList>("ignored"); // a text each line must contain

    QTest::newRow("one unknown") << QStringList{QStringLiteral("bic"), QStringLiteral("colour"), QStringLiteral("country")}
                                 << QVector<Id>{Id::Bic, Id::Country}
                                 << QStringList{QStringLiteral("unknown field \"colour\"")};
    QTest::newRow("wrong case") << QStringList{QStringLiteral("LegalName"), QStringLiteral("bic")} << QVector<Id>{Id::Bic}
                                << QStringList{QStringLiteral("unknown field \"LegalName\"")};
    QTest::newRow("twice") << QStringList{QStringLiteral("bic"), QStringLiteral("bic")} << QVector<Id>{Id::Bic} << QStringList{};
    QTest::newRow("none known") << QStringList{QStringLiteral("colour")} << Fields::defaults()
                                << QStringList{QStringLiteral("unknown field \"colour\""),
                                               QStringLiteral("the default legalName,bic,country is used")};
    QTest::newRow("empty") << QStringList{QString()} << Fields::defaults()
                           << QStringList{QStringLiteral("the default legalName,bic,country is used")};
}

void FieldsDialogTest::storedUnknownNamesAreIgnored()
{
    QFETCH(QStringList, stored);
    QFETCH(QVector<Id>, loaded);
    QFETCH(QStringList, ignored);
    QSettings settings;
    settings.setValue(QStringLiteral("enrich/fields"), stored);
    const AppSettings s = AppSettings::load(settings);
    QCOMPARE(s.enrichment.fields, loaded);
    QCOMPARE(s.ignored.size(), ignored.size());
    for (int i = 0; i < ignored.size(); ++i) {
        QVERIFY2(s.ignored.at(i).contains(ignored.at(i)), qPrintable(s.ignored.at(i)));
        QVERIFY2(s.ignored.at(i).contains(QStringLiteral("enrich/fields")), qPrintable(s.ignored.at(i)));
    }
}

// The Enrich menu's Fields... item (found by its text, as a user would) opens the dialog; OK
// puts the choice into the window's settings, which the next Enrich hands to the job, and
// into QSettings, which the next start loads.
void FieldsDialogTest::menuActionOpensTheDialogAndAppliesTheChoice()
{
    MainWindow w;
    w.show();
    QAction *action = nullptr;
    for (QAction *menu : w.menuBar()->actions()) {
        if (menu->text() != QStringLiteral("&Enrich"))
            continue;
        for (QAction *a : menu->menu()->actions()) {
            if (a->text() == QStringLiteral("&Fields..."))
                action = a;
        }
    }
    QVERIFY(action);
    QVERIFY(!action->shortcut().isEmpty());

    bool opened = false;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *d = qobject_cast<FieldsDialog *>(QApplication::activeModalWidget())) {
            answer.stop();
            opened = true;
            QCOMPARE(d->fields(), Fields::defaults());
            itemFor(*d, Id::Bic)->setCheckState(Qt::Unchecked);
            itemFor(*d, Id::LeiWarning)->setCheckState(Qt::Checked);
            d->list()->setCurrentRow(rowOf(*d, Id::Country));
            d->moveCurrent(-1);
            d->accept();
        }
    });
    answer.start();
    action->trigger();
    QVERIFY(opened);
    const QVector<Id> expected{Id::LegalName, Id::Country, Id::LeiWarning};
    QCOMPARE(w.settings().enrichment.fields, expected);
    QSettings stored;
    QCOMPARE(stored.value(QStringLiteral("enrich/fields")).toStringList(), names(expected));
    QCOMPARE(AppSettings::load(stored).enrichment.fields, expected);
    MainWindow next;
    QCOMPARE(next.settings().enrichment.fields, expected);
}

void FieldsDialogTest::cancelKeepsTheSettings()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    bool opened = false;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *d = qobject_cast<FieldsDialog *>(QApplication::activeModalWidget())) {
            answer.stop();
            opened = true;
            itemFor(*d, Id::DataSource)->setCheckState(Qt::Checked);
            d->reject();
        }
    });
    answer.start();
    // The menu item's shortcut opens it too.
    QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(opened);
    QCOMPARE(w.settings().enrichment.fields, Fields::defaults());
    QVERIFY(!QSettings().contains(QStringLiteral("enrich/fields")));
}

QTEST_MAIN(FieldsDialogTest)
#include "fieldsdialog_test.moc"
