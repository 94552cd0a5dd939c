"""Editions in other languages: every fixed string from a catalogue, dates through Babel, the workspace's names
in its TOML files, translated texts where the workspace has them and a visible note where not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from barometer import messages
from barometer.cli import app
from barometer.dates import YearMonth, day_span, month_span, parse_event_date, part_of_month
from barometer.errors import InputInvalid
from barometer.i18n import date_words
from barometer.load import Loader, check_issue
from barometer.report import build_report
from barometer.workspace import Workspace

from conftest import copy_workspace, tree_hashes

PERIOD = (YearMonth(2020, 11), YearMonth(2020, 12))


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """No. 18 in Russian, with the Russia narrative and two of its event texts translated (and one stale row)."""
    root = copy_workspace(tmp_path_factory.mktemp("ru") / "ws")
    folder = root / "events" / "018" / "text" / "ru"
    folder.mkdir()
    (folder / "russia.md").write_text("## Тенденции\n\nРоссия продолжает поддерживать Беларусь.\n", encoding="utf-8")
    (folder / "russia.csv").write_text(
        "date,event,translation\n"
        "2020-11-01,Reduction in roaming fees,Снижение тарифов на роуминг\n"
        "2020-11-03,Connection of the first unit of the Belarusian nuclear power plant to the national grid,"
        "Подключение первого энергоблока БелАЭС к энергосистеме\n"
        "2020-11-04,An event no catalogue has,\"Событие, которого нет\"\n", encoding="utf-8")
    result = build_report(Workspace.open(root), 18, language="ru")
    assert [(n.code, n.line) for n in result.notes] == [("translation-orphaned", 4)]
    return root, pdf_text(result.path)


def test_every_catalogue_holds_every_fixed_string(capsys: pytest.CaptureFixture[str]) -> None:
    found = messages.all_messages()
    assert len(found) > 100
    assert {"Summary of the issue", "Points (sum of event scores)", "Early {month}"} <= set(found)
    assert messages.main([]) == 0, capsys.readouterr().out
    assert "ru.po: " in capsys.readouterr().out


def test_the_russian_edition_speaks_russian(russian: tuple[Path, str]) -> None:
    _root, text = russian
    for words in ("МИНСКИЙ БАРОМЕТР", "№ 18", "ноябрь и декабрь 2020", "Итоги выпуска", "Содержание",
                  "Индексы развития отношений", "Отношения с Россией", "Жёлтый", "Уровень региональной напряжённости:",
                  "Приложение 1. Каталог событий", "3 ноября", "Начало декабря", "Ноябрь–декабрь", "Авторы",
                  "Денис Мельянцов", "Рекомендуемая ссылка.", "Рисунок 1", "18 событий в этом выпуске",
                  "Опубликовано: +18; сумма по каталогу: +17"):
        assert words in text, words
    for english in ("Summary of the issue", "Contents", "Relationship with", "Key events", "As published",
                    "Appendix", "Yellow", "Suggested citation", "November–December"):
        assert english not in text, english


def test_translated_texts_are_printed_and_the_rest_says_it_is_the_original(russian: tuple[Path, str]) -> None:
    _root, text = russian
    assert "Россия продолжает поддерживать Беларусь." in text
    assert "Снижение тарифов на роуминг" in text and "Reduction in roaming fees" not in text
    assert "Событие, которого нет" not in text  # a stale translation is not printed
    assert "Telephone conversation between Mishustin and Haloŭčanka" in text  # not translated: as written
    note = "Перевода пока нет: текст приводится на языке оригинала (английский)."
    assert text.count(note) == 7  # the letter, the Russia section (events), EU, China, U.S., Ukraine, security


def test_charts_of_the_edition_carry_its_words(russian: tuple[Path, str]) -> None:
    _root, text = russian
    assert "Баллы (сумма оценок событий)" in text and "Накопленный балл" in text and "1 нояб." in text
    assert "Выпуск №" in text and "Оранжевый" in text  # the tension chart's axis and bands


def test_a_string_without_translation_stops_the_edition_at_its_place(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    template = root / "reports" / "templates" / "bulletin.typ"
    template.write_text(template.read_text(encoding="utf-8") + '\n#t("A line no catalogue has")\n', encoding="utf-8")
    before = tree_hashes(root)
    result = CliRunner().invoke(app, ["--workspace", str(root), "report", "18", "--lang", "ru"])
    assert result.exit_code == 1
    assert "translation-missing" in result.output and "A line no catalogue has" in result.output
    assert "barometer/locales/ru.po" in result.output
    assert tree_hashes(root) == before
    assert CliRunner().invoke(app, ["--workspace", str(root), "report", "18"]).exit_code == 0  # English is whole


def test_a_workspace_catalogue_adds_and_rewords(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    (root / "reports" / "templates" / "locales").mkdir()
    (root / "reports" / "templates" / "locales" / "ru.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "Summary of the issue"\nmsgstr "Главное в выпуске"\n',
        encoding="utf-8")
    text = pdf_text(build_report(Workspace.open(root), 18, language="ru").path)
    assert "Главное в выпуске" in text and "Итоги выпуска" not in text


def test_a_name_without_translation_is_located(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    config = root / "barometer.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('label = "Китай"\n', ""), encoding="utf-8")
    with pytest.raises(InputInvalid) as caught:
        build_report(Workspace.open(root), 18, language="ru")
    line = next(n for n, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if row == 'id = "china"')
    assert [(p.code, p.file, p.line, p.field) for p in caught.value.problems] == [
        ("translation-missing", "barometer.toml", line, "tracks.2.translations.ru.label")]
    assert not (root / "reports" / "018-ru.pdf").exists()


def test_an_unknown_language_is_a_usage_error_naming_those_there_are(workspace: Path) -> None:
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18", "--lang", "xx"])
    assert result.exit_code == 2 and "there are en, ru" in result.output


def test_russian_plurals_have_three_forms(workspace: Path) -> None:
    russian = Loader(Workspace.open(workspace)).language("ru")
    forms = [russian.plural("{count} event this issue", "{count} events this issue", n) for n in (1, 2, 5, 21, 11)]
    assert forms == ["1 событие в этом выпуске", "2 события в этом выпуске", "5 событий в этом выпуске",
                     "21 событие в этом выпуске", "11 событий в этом выпуске"]


@pytest.mark.parametrize(("text", "expected"), [
    ("3 ноября", day_span(2020, 11, 3, 3)),
    ("1–18 декабря", day_span(2020, 12, 1, 18)),
    ("30 ноября – 2 декабря", None),
    ("ноябрь", month_span(YearMonth(2020, 11), YearMonth(2020, 11))),
    ("Ноябрь–декабрь", month_span(*PERIOD)),
    ("начало декабря", part_of_month(YearMonth(2020, 12), "early")),
    ("Середина ноября", part_of_month(YearMonth(2020, 11), "mid")),
    ("конец декабря", part_of_month(YearMonth(2020, 12), "late")),
    ("3 нояб.", day_span(2020, 11, 3, 3)),
])
def test_entry_reads_dates_in_the_workspaces_languages(workspace: Path, text: str, expected: object) -> None:
    words = date_words(Loader(Workspace.open(workspace)).language("ru"))
    found = parse_event_date(text, *PERIOD, words)
    assert found == expected if expected is not None else found.iso == "2020-11-30..2020-12-02"


def test_dates_in_another_language_are_read_only_when_the_workspace_says_so(workspace: Path) -> None:
    with (workspace / "events" / "018" / "china.csv").open("a", encoding="utf-8") as stream:
        stream.write("начало декабря,Переговоры в Пекине,+1\n")
    result = check_issue(Workspace.open(workspace), 18)
    assert result.errors == [] and result.catalogue is not None
    assert any(e.date.iso == "2020-12-early" for e in result.catalogue.events["china"])
    config = workspace / "barometer.toml"
    config.write_text(re.sub(r'(?m)^languages = \["ru"\]\n', "", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = check_issue(Workspace.open(workspace), 18)
    assert [(p.code, p.file) for p in result.errors] == [("date-invalid", "events/018/china.csv")]


@pytest.mark.parametrize(("content", "expected"), [
    (b"\xff\xfe", "not a gettext catalogue Babel can read"),
    (b'msgid "Contents"\nmsgstr "Inhalt {lo}"\n', "the translation names {lo}"),
    (b'#, fuzzy\nmsgid "Contents"\nmsgstr "Inhalt"\n', "marked fuzzy"),
])
def test_a_broken_catalogue_is_located_and_stops_the_edition(workspace: Path, content: bytes, expected: str) -> None:
    folder = workspace / "reports" / "templates" / "locales"
    folder.mkdir()
    (folder / "ru.po").write_bytes(content)
    before = tree_hashes(workspace)
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18", "--lang", "ru"])
    assert result.exit_code == 1 and "translation-invalid" in result.output and expected in result.output
    assert "reports/templates/locales/ru.po" in result.output and "Traceback" not in result.output
    assert tree_hashes(workspace) == before


def test_a_language_cldr_does_not_know_is_no_edition(workspace: Path) -> None:
    folder = workspace / "reports" / "templates" / "locales"
    folder.mkdir()
    (folder / "by.po").write_text('msgid "Contents"\nmsgstr "Змест"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18", "--lang", "by"])
    assert result.exit_code == 2 and "there are en, ru" in result.output


def test_a_row_of_translations_without_its_text_is_a_warning(workspace: Path) -> None:
    folder = workspace / "events" / "018" / "text" / "ru"
    folder.mkdir(parents=True)
    (folder / "russia.csv").write_text("date,event,translation\n2020-11-03\n", encoding="utf-8")
    result = build_report(Workspace.open(workspace), 18, language="ru")
    assert [(n.code, n.line) for n in result.notes] == [("translation-orphaned", 2)]
