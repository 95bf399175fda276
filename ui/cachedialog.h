#pragma once

#include <QDialog>

class CacheEntryModel;
class LeiCache;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

// Tools > Cache: what the local cache of GLEIF answers holds, and clearing it (chosen entries,
// expired ones, or all). Entries load a page at a time, so it opens quickly on any size.
class CacheDialog final : public QDialog
{
    Q_OBJECT

public:
    // The cache is not owned; it must be open and outlive the dialog. The dialog uses it from
    // the GUI thread only (its own connection), so a job may keep writing meanwhile.
    explicit CacheDialog(LeiCache *cache, QWidget *parent = nullptr);
    ~CacheDialog() override;
    Q_DISABLE_COPY_MOVE(CacheDialog)

    CacheEntryModel *model() const { return m_model; }

public Q_SLOTS:
    // Re-reads counts and entries (answers written by a running job appear).
    void refresh();

private:
    void updateCounts();
    void updateShown();
    void applyFilter();
    void deleteSelected();
    void purgeExpired();
    void clearAll();
    void reportError(const QString &action);

    LeiCache *m_cache;
    CacheEntryModel *m_model;
    QLabel *m_warningLabel;
    QLabel *m_countsLabel;
    QLabel *m_sizeLabel;
    QLabel *m_datesLabel;
    QLabel *m_shownLabel;
    QLineEdit *m_searchEdit;
    QTableView *m_view;
    QPushButton *m_deleteButton;
    QPushButton *m_purgeButton;
    QPushButton *m_clearButton;
    QTimer *m_filterTimer;
};
