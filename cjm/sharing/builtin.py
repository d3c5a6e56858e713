"""The built-in map templates, each in English and Russian.

A template's ``structure`` (the same shape as a saved workspace template, see
``services.journey_structure``)::

    {"lanes": [{"kind", "name", "is_hidden"}],
     "stages": [{"name", "description", "cells": [[lane index, text]],
                 "touchpoints": [{"name", "description", "channel", "category"}]}],
     "channels": [{"name", "kind", "medium"}]}

Built-in ids are ``"<key>:<language>"`` (``"online_store:ru"``); a workspace's own templates
have integer ids.
"""

from cjm.choices import STANDARD_LANES, LaneKind

LANGUAGES = ("en", "ru")

# (English, Russian) names of lanes a template adds besides the standard ones.
_LANE_NAMES = {
    LaneKind.GOALS: ("Customer goals", "Цели клиента"),
    LaneKind.ACTIONS: ("Actions", "Действия"),
    LaneKind.THOUGHTS: ("Thoughts", "Мысли"),
    LaneKind.EMOTIONS: ("Emotions", "Эмоции"),
    LaneKind.PAINS: ("Pains, barriers and fears", "Боли, барьеры и страхи"),
    LaneKind.EXPECTATIONS: ("Expectations", "Ожидания"),
    LaneKind.OPPORTUNITIES: ("Opportunities", "Возможности"),
    LaneKind.TOUCHPOINTS: ("Touchpoints", "Точки контакта"),
    LaneKind.CHANNELS: ("Channels", "Каналы"),
    LaneKind.METRICS: ("Metrics (funnel)", "Метрики (воронка)"),
}

# Channels: key -> (English name, Russian name, kind, medium).
_CHANNELS = {
    "site": ("Website", "Сайт", "online", "website"),
    "app": ("Mobile app", "Мобильное приложение", "online", "app"),
    "email": ("Email", "Электронная почта", "online", "email"),
    "ads": ("Online ads", "Интернет-реклама", "online", "social"),
    "messenger": ("Messenger", "Мессенджер", "online", "messenger"),
    "phone": ("Call centre", "Колл-центр", "offline", "phone"),
    "courier": ("Courier", "Курьер", "offline", "delivery"),
    "pickup": ("Pick-up point", "Пункт выдачи", "offline", "store"),
    "office": ("Office", "Офис", "offline", "store"),
    "manager": ("Account manager", "Персональный менеджер", "offline", "phone"),
    "event": ("Events", "Мероприятия", "offline", "event"),
    "reviews": ("Review sites", "Сайты отзывов", "online", "review_site"),
}

# key -> (English name, Russian name, custom lanes, stages). A stage: ((en, ru) name, cells by
# lane kind or custom lane number {kind: (en, ru)}, touchpoints [((en, ru), channel key)]).
# The service blueprint's own lanes, in cell-number order (0..3): the blueprint lane kinds, which
# the map draws below the customer's lanes with the lines of interaction, visibility and
# internal interaction between them.
_BLUEPRINT_LANES = [
    (
        LaneKind.FRONTSTAGE,
        "Frontstage: what staff do in view",
        "Фронтстейдж: действия сотрудников на виду",
    ),
    (
        LaneKind.BACKSTAGE,
        "Backstage: what staff do out of view",
        "Бэкстейдж: действия вне поля зрения клиента",
    ),
    (LaneKind.SUPPORT, "Support processes and systems", "Поддерживающие процессы и системы"),
    (LaneKind.EVIDENCE, "Physical evidence", "Материальные свидетельства"),
]

TEMPLATES = {
    "online_store": {
        "name": ("Online store with delivery", "Интернет-магазин с доставкой"),
        "stages": [
            (
                ("Awareness", "Осведомлённость"),
                {LaneKind.GOALS: ("Find what I need", "Найти нужный товар")},
                [
                    (("Search ad", "Реклама в поиске"), "ads"),
                    (("Review of the product", "Отзыв о товаре"), "reviews"),
                ],
            ),
            (
                ("Choice", "Выбор"),
                {LaneKind.PAINS: ("Unclear sizes and stock", "Непонятные размеры и наличие")},
                [
                    (("Catalogue and filters", "Каталог и фильтры"), "site"),
                    (("Product page", "Карточка товара"), "site"),
                ],
            ),
            (
                ("Order and payment", "Заказ и оплата"),
                {LaneKind.EXPECTATIONS: ("Pay in two minutes", "Оплатить за две минуты")},
                [
                    (("Checkout", "Оформление заказа"), "site"),
                    (("Order confirmation", "Подтверждение заказа"), "email"),
                ],
            ),
            (
                ("Delivery", "Доставка"),
                {LaneKind.PAINS: ("Waiting without news", "Ожидание без новостей")},
                [
                    (("Delivery tracking", "Отслеживание доставки"), "app"),
                    (("Courier hand-over", "Передача курьером"), "courier"),
                    (("Pick-up point", "Пункт выдачи"), "pickup"),
                ],
            ),
            (
                ("Use and returns", "Использование и возврат"),
                {
                    LaneKind.GOALS: (
                        "Return easily if it does not fit",
                        "Легко вернуть, если не подошло",
                    )
                },
                [
                    (("Return request", "Заявка на возврат"), "site"),
                    (("Support call", "Звонок в поддержку"), "phone"),
                ],
            ),
            (
                ("Loyalty", "Лояльность"),
                {LaneKind.OPPORTUNITIES: ("Personal offers", "Персональные предложения")},
                [(("Loyalty e-mails", "Письма программы лояльности"), "email")],
            ),
        ],
    },
    "b2b_service": {
        "name": ("B2B service with a long deal cycle", "B2B-услуга с длинным циклом сделки"),
        "stages": [
            (
                ("Problem recognised", "Осознание проблемы"),
                {LaneKind.GOALS: ("Understand the options", "Понять варианты решения")},
                [
                    (("Industry event", "Отраслевое мероприятие"), "event"),
                    (("Expert article", "Экспертная статья"), "site"),
                ],
            ),
            (
                ("First contact", "Первый контакт"),
                {
                    LaneKind.EXPECTATIONS: (
                        "A quick, competent answer",
                        "Быстрый и компетентный ответ",
                    )
                },
                [
                    (("Request form", "Форма заявки"), "site"),
                    (("Discovery call", "Первичный созвон"), "manager"),
                ],
            ),
            (
                ("Proposal and pilot", "Предложение и пилот"),
                {LaneKind.PAINS: ("Many people to convince", "Нужно убедить многих")},
                [
                    (("Commercial proposal", "Коммерческое предложение"), "email"),
                    (("Pilot project", "Пилотный проект"), "manager"),
                ],
            ),
            (
                ("Approval and contract", "Согласование и договор"),
                {LaneKind.PAINS: ("Legal review takes months", "Юристы согласуют месяцами")},
                [
                    (("Contract negotiation", "Согласование договора"), "email"),
                    (("Meeting at the office", "Встреча в офисе"), "office"),
                ],
            ),
            (
                ("Onboarding", "Внедрение"),
                {LaneKind.GOALS: ("Get value fast", "Быстро получить пользу")},
                [
                    (("Kick-off meeting", "Стартовая встреча"), "manager"),
                    (("Training", "Обучение"), "site"),
                ],
            ),
            (
                ("Renewal and growth", "Продление и расширение"),
                {
                    LaneKind.OPPORTUNITIES: (
                        "Quarterly business review",
                        "Ежеквартальный обзор результатов",
                    )
                },
                [
                    (("Account review", "Обзор с менеджером"), "manager"),
                    (("Renewal offer", "Предложение о продлении"), "email"),
                ],
            ),
        ],
    },
    "service_business": {
        "name": (
            "Service business: clinic or bank branch",
            "Сервисный бизнес: клиника или отделение банка",
        ),
        "stages": [
            (
                ("Need", "Потребность"),
                {LaneKind.GOALS: ("Solve my problem nearby", "Решить вопрос рядом с домом")},
                [
                    (("Reviews and ratings", "Отзывы и рейтинги"), "reviews"),
                    (("Website", "Сайт"), "site"),
                ],
            ),
            (
                ("Booking", "Запись"),
                {
                    LaneKind.PAINS: (
                        "No free slots, long hold",
                        "Нет свободного времени, долгое ожидание на линии",
                    )
                },
                [
                    (("Online booking", "Онлайн-запись"), "app"),
                    (("Phone booking", "Запись по телефону"), "phone"),
                ],
            ),
            (
                ("Visit and waiting", "Визит и ожидание"),
                {LaneKind.EMOTIONS: ("", "")},
                [
                    (("Reception desk", "Стойка регистрации"), "office"),
                    (("Waiting area", "Зона ожидания"), "office"),
                ],
            ),
            (
                ("Service", "Обслуживание"),
                {LaneKind.EXPECTATIONS: ("Clear explanations", "Понятные объяснения")},
                [
                    (("Consultation", "Консультация специалиста"), "office"),
                    (("Documents and payment", "Документы и оплата"), "office"),
                ],
            ),
            (
                ("Follow-up", "После визита"),
                {
                    LaneKind.OPPORTUNITIES: (
                        "Reminder of the next visit",
                        "Напоминание о следующем визите",
                    )
                },
                [
                    (("Results and reminders", "Результаты и напоминания"), "messenger"),
                    (("Satisfaction survey", "Опрос удовлетворённости"), "email"),
                ],
            ),
        ],
    },
    "service_blueprint": {
        "name": ("Service blueprint", "Сервисный блюпринт"),
        "blueprint": True,
        "stages": [
            (
                ("Arrival", "Приход"),
                {
                    0: ("Greets the customer", "Приветствует клиента"),
                    1: ("Checks the booking", "Проверяет запись"),
                    2: ("Booking system", "Система записи"),
                    3: ("Signage, entrance", "Вывеска, вход"),
                },
                [(("Greeting at the door", "Встреча у входа"), "office")],
            ),
            (
                ("Order", "Заказ"),
                {
                    0: ("Takes the order", "Принимает заказ"),
                    1: ("Passes it to production", "Передаёт в работу"),
                    2: ("Point-of-sale system", "Кассовая система"),
                    3: ("Menu, price list", "Меню, прайс"),
                },
                [
                    (("Order at the counter", "Заказ у стойки"), "office"),
                    (("Order in the app", "Заказ в приложении"), "app"),
                ],
            ),
            (
                ("Service delivery", "Оказание услуги"),
                {
                    0: ("Serves the customer", "Обслуживает клиента"),
                    1: ("Prepares, checks quality", "Готовит, проверяет качество"),
                    2: ("Stock and suppliers", "Склад и поставщики"),
                    3: ("The product itself", "Сам продукт"),
                },
                [(("Service at the table", "Обслуживание"), "office")],
            ),
            (
                ("Payment", "Оплата"),
                {
                    0: ("Takes the payment", "Принимает оплату"),
                    1: ("Closes the order", "Закрывает заказ"),
                    2: ("Payment processing", "Платёжный шлюз"),
                    3: ("Receipt", "Чек"),
                },
                [(("Payment at the till", "Оплата на кассе"), "office")],
            ),
            (
                ("Feedback", "Обратная связь"),
                {
                    0: ("Asks for feedback", "Просит оставить отзыв"),
                    1: ("Analyses reviews", "Разбирает отзывы"),
                    2: ("CRM", "CRM"),
                    3: ("Feedback card", "Карточка отзыва"),
                },
                [(("Review request", "Просьба об отзыве"), "messenger")],
            ),
        ],
    },
}

_BLUEPRINT_KINDS = [LaneKind.ACTIONS, LaneKind.TOUCHPOINTS, LaneKind.EMOTIONS]


def builtin_ids() -> list[str]:
    return [f"{key}:{language}" for key in TEMPLATES for language in LANGUAGES]


def builtin_name(key: str, language: str) -> str:
    return TEMPLATES[key]["name"][LANGUAGES.index(language)]


def builtin_structure(key: str, language: str) -> dict:
    """The structure of built-in template ``key`` in ``language`` ("en" or "ru")."""
    spec, at = TEMPLATES[key], LANGUAGES.index(language)
    lanes = [
        {"kind": str(kind), "name": _LANE_NAMES[kind][at], "is_hidden": False}
        for kind in (_BLUEPRINT_KINDS if spec.get("blueprint") else STANDARD_LANES)
    ]
    if spec.get("blueprint"):
        lanes += [
            {"kind": str(kind), "name": names[at], "is_hidden": False}
            for kind, *names in _BLUEPRINT_LANES
        ]
    kinds = [lane["kind"] for lane in lanes]
    first_custom = len(lanes) - len(_BLUEPRINT_LANES) if spec.get("blueprint") else None
    used, stages = [], []
    for names, cells, touchpoints in spec["stages"]:
        stage_cells = []
        for lane_key, texts in cells.items():
            index = first_custom + lane_key if isinstance(lane_key, int) else kinds.index(lane_key)
            if texts[at]:
                stage_cells.append([index, texts[at]])
        stage_touchpoints = []
        for tp_names, channel in touchpoints:
            used.append(channel)
            stage_touchpoints.append(
                {"name": tp_names[at], "description": "", "channel": _CHANNELS[channel][at]}
            )
        stages.append(
            {
                "name": names[at],
                "description": "",
                "cells": stage_cells,
                "touchpoints": stage_touchpoints,
            }
        )
    channels = [
        {"name": _CHANNELS[key][at], "kind": _CHANNELS[key][2], "medium": _CHANNELS[key][3]}
        for key in dict.fromkeys(used)
    ]
    return {"lanes": lanes, "stages": stages, "channels": channels}
