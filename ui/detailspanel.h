#pragma once

#include "entitydetails.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

// The Details dock's contents: every field held about the selected row's LEI (from the cache or
// the mirror, read off the GUI thread), where and when it came from, a link to the entity on
// GLEIF's search site, copy buttons, and the raw record one click away.
class DetailsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget *parent = nullptr);
    void setPaths(const QString &cachePath, const QString &mirrorPath);
    // Shows what is held about `lei` (normalised); empty: nothing selected, or not an LEI.
    void showLei(const QString &lei);
    const EntityDetails &details() const { return m_details; }
    QString fieldsText() const; // "label: value" lines, as Copy All copies them

Q_SIGNALS:
    void shown(); // the details of the last showLei() are on screen

private:
    void display();

    QString m_cachePath;
    QString m_mirrorPath;
    quint64 m_request = 0;
    EntityDetails m_details;
    QTextBrowser *m_view;
    QPushButton *m_copyLei;
    QPushButton *m_copyAll;
    QPushButton *m_showRaw;
    QPlainTextEdit *m_raw;
};
