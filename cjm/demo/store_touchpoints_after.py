"""Touchpoints of map 1, stages from delivery to loyalty (the format: store_touchpoints_before)."""

TOUCHPOINTS = {
    "Доставка курьером": [
        {
            "name": "Звонок курьера перед приездом",
            "channel": "courier",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "so_so",
            "importance": 8,
            "description": (
                "Свои курьеры звонят за 30 минут всегда, курьеры подрядчика — примерно "
                "в половине случаев; SMS о переносе не отправляется."
            ),
        },
        {
            "name": "Соблюдение интервала доставки",
            "channel": "courier",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "awful",
            "was": ["so_so"],
            "rated_by": "ivan",
            "rating_note": "В пятницу вечером 31% доставок подрядчика — с опозданием.",
            "importance": 10,
            "critical": True,
            "description": (
                "Главная причина оценок в одну звезду. Подрядчик не укладывается в вечерние "
                "интервалы, клиента не предупреждают, в поддержку не дозвониться."
            ),
            "actions": [
                {
                    "title": "Штраф подрядчику за опоздание по SLA и еженедельный разбор",
                    "assignee": "ivan",
                    "due": -7,
                    "status": "open",
                },
                {
                    "title": "Автоматически начислять 300 баллов за опоздание",
                    "assignee": "anna",
                    "due": 7,
                    "status": "open",
                },
                {
                    "title": "Собрать статистику опозданий по интервалам и районам",
                    "assignee": "viewer",
                    "due": 2,
                    "status": "in_progress",
                },
            ],
            "comments": [
                ("demo", "Our #1 reason for one-star reviews. Keep it at the top of the register."),
                ("ivan", "С понедельника подрядчик получает отчёт по каждому опозданию."),
            ],
        },
        {
            "name": "Внешний вид и вежливость курьера",
            "channel": "courier",
            "category": "employee",
            "owner": "ivan",
            "team": "logistics",
            "rating": "so_so",
            "importance": 7,
            "description": (
                "Униформа и бейдж только у собственных курьеров; речевых шаблонов нет, "
                "на этаж поднимаются не все."
            ),
        },
        {
            "name": "Отслеживание курьера на карте в приложении",
            "channel": "app",
            "category": "service",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "unrated",
            "importance": 6,
            "description": "Бета-версия для 10% пользователей; оценим после полного запуска.",
        },
    ],
    # The pick-up branch of the delivery step (store_journey.BRANCHES).
    "Самовывоз из пункта выдачи": [
        {
            "name": "Код получения в SMS и приложении",
            "channel": "app",
            "category": "service",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "excellent",
            "importance": 5,
            "description": (
                "Код и адрес пункта приходят, как только заказ готов к выдаче; в приложении "
                "можно продлить хранение на два дня."
            ),
        },
        {
            "name": "Самовывоз из пункта выдачи",
            "channel": "pickup",
            "category": "service",
            "team": "logistics",
            "rating": "excellent",
            "importance": 6,
            "description": (
                "Хранение 5 дней, выдача по коду за 2 минуты, можно проверить заказ "
                "и сразу оформить возврат."
            ),
        },
        {
            "name": "Очередь в пункте выдачи вечером",
            "channel": "pickup",
            "category": "service",
            "team": "logistics",
            "rating": "so_so",
            "importance": 4,
            "description": (
                "С 18 до 20 часов в пунктах у метро очередь до 15 минут; постаматы с "
                "охлаждением есть только в трёх районах."
            ),
        },
    ],
    "Распаковка и использование": [
        {
            "name": "Упаковка и пакеты",
            "channel": "courier",
            "category": "product",
            "owner": "ivan",
            "team": "logistics",
            "rating": "excellent",
            "was": ["so_so"],
            "rated_by": "ivan",
            "rating_note": "Плотные пакеты и отдельная упаковка для стекла и яиц.",
            "importance": 8,
            "description": (
                "Бытовая химия отдельно от продуктов, стекло и яйца в отдельной коробке; "
                "жалобы на разбитое упали в 4 раза."
            ),
            "actions": [
                {
                    "title": "Отдельная упаковка для стекла и яиц",
                    "assignee": "ivan",
                    "due": -30,
                    "status": "done",
                },
            ],
        },
        {
            "name": "Накладная и документы в заказе",
            "channel": "courier",
            "category": "business",
            "team": "logistics",
            "rating": "so_so",
            "importance": 4,
            "description": "Бумажная накладная без итоговой суммы и без списка замен.",
        },
        {
            "name": "Замены отсутствующих товаров",
            "channel": "app",
            "category": "service",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "awful",
            "importance": 8,
            "critical": True,
            "description": (
                "Сборщик меняет товар без согласования: другой бренд детского питания, "
                "другой объём. 22% жалоб после распаковки — про замены."
            ),
            "actions": [
                {
                    "title": "Согласование замены push-уведомлением в приложении",
                    "assignee": "anna",
                    "due": 12,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Свежесть продуктов и сроки годности",
            "channel": "courier",
            "category": "product",
            "owner": "ivan",
            "team": "logistics",
            "rating": "excellent",
            "importance": 9,
            "description": "Молочные продукты — не менее 70% остаточного срока; соблюдается.",
        },
    ],
    "Поддержка": [
        {
            "name": "Колл-центр 8-800",
            "channel": "phone",
            "category": "employee",
            "owner": "olga",
            "team": "support",
            "rating": "awful",
            "importance": 9,
            "critical": True,
            "description": (
                "Среднее ожидание на линии 12 минут в часы пик; голосовое меню из пяти "
                "уровней; оператор не видит историю обращений из чата."
            ),
            "actions": [
                {
                    "title": "Сократить голосовое меню до двух уровней, добавить обратный звонок",
                    "assignee": "olga",
                    "due": -4,
                    "status": "in_progress",
                },
                {
                    "title": "Четыре оператора на вечернюю смену",
                    "assignee": "olga",
                    "due": 21,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Чат поддержки в Telegram",
            "channel": "messenger",
            "category": "employee",
            "owner": "olga",
            "team": "support",
            "rating": "excellent",
            "was": ["so_so"],
            "rated_by": "olga",
            "rating_note": "Бот-маршрутизатор: первый ответ оператора за 3 минуты.",
            "importance": 8,
            "description": "Первый ответ за 3 минуты, можно прислать фото повреждённого товара.",
            "actions": [
                {
                    "title": "Бот-маршрутизатор обращений в Telegram",
                    "assignee": "olga",
                    "due": -25,
                    "status": "done",
                },
            ],
        },
        {
            "name": "Возврат денег и претензии",
            "channel": "web",
            "category": "service",
            "owner": "olga",
            "team": "support",
            "rating": "so_so",
            "importance": 9,
            "critical": True,
            "description": (
                "Возврат за недовложение — до 10 рабочих дней, каждое решение согласует "
                "старший смены. Клиенты пишут повторно и уходят к конкурентам."
            ),
            "actions": [
                {
                    "title": "Мгновенный возврат до 2000 ₽ по решению оператора",
                    "assignee": "olga",
                    "due": 5,
                    "status": "open",
                },
            ],
            "comments": [
                ("anna", "Финансы готовы согласовать лимит 1500 ₽, обсуждаем на планёрке."),
            ],
        },
        {
            "name": "Единая история обращений по всем каналам",
            "channel": "phone",
            "category": "business",
            "team": "support",
            "rating": "unrated",
            "importance": 7,
            "description": (
                "Оператор должен видеть звонки, чат и письма клиента в одной карточке, "
                "чтобы клиент не повторял свою историю. Внедрение CRM в планах."
            ),
        },
    ],
    "Программа лояльности и отзывы": [
        {
            "name": "Баллы и личный кабинет",
            "channel": "app",
            "category": "business",
            "owner": "demo",
            "team": "marketing",
            "rating": "so_so",
            "importance": 7,
            "description": "Баллы сгорают через 30 дней; правила списания спрятаны в оферте.",
            "actions": [
                {
                    "title": "Продлить срок жизни баллов до 90 дней",
                    "assignee": "demo",
                    "due": -1,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Персональные предложения в рассылке",
            "channel": "email",
            "category": "brand",
            "owner": "demo",
            "team": "marketing",
            "rating": "so_so",
            "importance": 5,
            "description": (
                "Рекомендации не учитывают возраст детей: семье со школьником предлагают "
                "подгузники. Открываемость писем 14%."
            ),
        },
        {
            "name": "Просьба оставить отзыв после доставки",
            "channel": "app",
            "category": "brand",
            "owner": "anna",
            "team": "marketing",
            "rating": "excellent",
            "importance": 6,
            "description": (
                "Push через 2 часа после доставки без замечаний и 100 баллов за отзыв с фото; "
                "число отзывов выросло втрое."
            ),
        },
        {
            "name": "Реферальная программа «Приведи соседа»",
            "channel": "social",
            "category": "brand",
            "team": "marketing",
            "rating": "unrated",
            "importance": 4,
            "description": "Идея из интервью с покупателями; запуск после исправления доставки.",
        },
    ],
}
