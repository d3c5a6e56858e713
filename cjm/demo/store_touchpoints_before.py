"""Touchpoints of map 1, stages from search to payment (before and during the purchase).

Each touchpoint: channel key, category, owner (username) and/or team key, rating, importance
1-10, optional ``critical``, ``reaction`` (default follows the rating), ``was`` (earlier ratings,
oldest first, replayed through ``touchpoint_update`` to build the rating history),
``actions`` (``due`` in days from today) and ``comments`` ((author, text) pairs).
"""

TOUCHPOINTS = {
    "Осведомлённость: поиск и отзывы": [
        {
            "name": "Поисковая выдача и контекстная реклама",
            "channel": "web",
            "category": "brand",
            "owner": "demo",
            "team": "marketing",
            "rating": "so_so",
            "importance": 6,
            "description": (
                "Объявления по запросу «доставка продуктов» ведут на главную, а не в нужную "
                "категорию; в сниппете нет сроков доставки."
            ),
        },
        {
            "name": "Отзывы на картах и отзовиках",
            "channel": "reviews",
            "category": "brand",
            "owner": "olga",
            "team": "marketing",
            "rating": "awful",
            "was": ["so_so"],
            "rated_by": "demo",
            "rating_note": "Волна отзывов в одну звезду после опозданий в праздники.",
            "importance": 9,
            "critical": True,
            "description": (
                "Рейтинг 3,6 на картах. 40% негативных отзывов — про опоздания курьеров; "
                "на негатив отвечаем через неделю или не отвечаем вовсе."
            ),
            "actions": [
                {
                    "title": "Отвечать на каждый негативный отзыв в течение 24 часов",
                    "assignee": "olga",
                    "due": -6,
                    "status": "in_progress",
                    "description": "Шаблоны ответов, дежурный в выходные, отчёт раз в неделю.",
                },
                {
                    "title": "Подключить метку «Проверенный покупатель» к отзывам на сайте",
                    "assignee": "demo",
                    "due": 20,
                    "status": "open",
                },
            ],
            "comments": [
                ("demo", "Reviews are where most families meet us first (ZMOT). Top priority."),
            ],
        },
        {
            "name": "Сообщество в соцсетях",
            "channel": "social",
            "category": "brand",
            "owner": "demo",
            "team": "marketing",
            "rating": "excellent",
            "importance": 5,
            "description": (
                "Подборки «собрать ребёнка в школу», рецепты на неделю, живые ответы "
                "модератора; родители сами советуют магазин в комментариях."
            ),
        },
        {
            "name": "Витрина магазина на маркетплейсе",
            "channel": "marketplace",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "so_so",
            "importance": 6,
            "description": (
                "Часть семей впервые видит нас на маркетплейсе; ассортимент там втрое уже, "
                "чем на сайте, а ссылки на сайт площадка не разрешает."
            ),
        },
    ],
    "Выбор на сайте": [
        {
            "name": "Главная страница и каталог",
            "channel": "web",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "excellent",
            "importance": 7,
            "description": (
                "Загружается за 1,8 с на мобильном, понятные категории «Для детей», "
                "«Для дома», «Продукты», актуальные акции без навязчивых баннеров."
            ),
        },
        {
            "name": "Поиск по каталогу",
            "channel": "web",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "so_so",
            "was": ["awful"],
            "rated_by": "anna",
            "rating_note": "Подключили словарь синонимов: «памперсы» теперь находят подгузники.",
            "importance": 8,
            "description": (
                "9% поисковых запросов остаются без результата; опечатки не исправляются, "
                "синонимы работают с прошлого месяца."
            ),
            "actions": [
                {
                    "title": "Словарь синонимов для поиска",
                    "assignee": "anna",
                    "due": -20,
                    "status": "done",
                },
                {
                    "title": "Исправление опечаток и раскладки в поиске",
                    "assignee": "anna",
                    "due": 10,
                    "status": "in_progress",
                },
            ],
        },
        {
            "name": "Карточка товара: фото, состав, сроки годности",
            "channel": "web",
            "category": "product",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "so_so",
            "importance": 7,
            "description": (
                "У 1200 товаров нет фото упаковки; срок годности указан не везде. "
                "Родители ищут состав детского питания и уходят, не найдя его."
            ),
            "actions": [
                {
                    "title": "Сфотографировать упаковку 1200 товаров без фото",
                    "assignee": "anna",
                    "due": 30,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Приложение: кнопка «Повторить заказ»",
            "channel": "app",
            "category": "product",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "excellent",
            "importance": 7,
            "description": (
                "Любимая функция постоянных клиентов: недельная корзина собирается за минуту. "
                "Половина повторных заказов оформляется именно так."
            ),
        },
        {
            "name": "Чат-консультант на сайте",
            "channel": "messenger",
            "category": "employee",
            "team": "support",
            "rating": "unrated",
            "importance": 4,
            "description": "Запущен месяц назад; данных для оценки пока мало.",
        },
    ],
    "Корзина и оформление": [
        {
            "name": "Корзина и порог бесплатной доставки",
            "channel": "web",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "so_so",
            "importance": 8,
            "description": (
                "Порог бесплатной доставки (3000 ₽) виден только на последнем шаге; "
                "клиенты возвращаются в каталог и часть из них теряется."
            ),
        },
        {
            "name": "Форма оформления заказа",
            "channel": "web",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "awful",
            "importance": 10,
            "critical": True,
            "description": (
                "11 полей, обязательное отчество, повторный ввод email, промокод сбрасывается "
                "при смене адреса. 27% корзин бросают на этом шаге."
            ),
            "actions": [
                {
                    "title": "Сократить форму оформления до 5 полей",
                    "assignee": "anna",
                    "due": -3,
                    "status": "in_progress",
                    "description": "Убрать отчество и повтор email, адрес подставлять из профиля.",
                },
                {
                    "title": "A/B-тест оформления в один экран",
                    "assignee": "anna",
                    "due": 14,
                    "status": "open",
                },
            ],
            "comments": [
                ("ivan", "Подъезд и этаж не убирайте: без них курьеры звонят уточнять адрес."),
                ("anna", "Договорились: подъезд/этаж оставляем, убираем отчество и повтор email."),
            ],
        },
        {
            "name": "Выбор интервала доставки",
            "channel": "web",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "so_so",
            "importance": 9,
            "critical": True,
            "description": (
                "Вечерние интервалы 19–22 разбирают к обеду; двухчасовых интервалов нет. "
                "Мамы с детьми в саду не могут принять заказ днём."
            ),
        },
        {
            "name": "Письма о брошенной корзине",
            "channel": "email",
            "category": "business",
            "owner": "demo",
            "team": "marketing",
            "rating": "unrated",
            "importance": 6,
            "description": "Цепочка из трёх писем (через 1 час, 1 день и 3 дня) готова к запуску.",
            "actions": [
                {
                    "title": "Запустить триггерную цепочку писем по брошенным корзинам",
                    "assignee": "demo",
                    "due": 3,
                    "status": "in_progress",
                },
            ],
        },
        {
            "name": "Звонок оператора по незавершённому заказу",
            "channel": "phone",
            "category": "employee",
            "owner": "olga",
            "team": "support",
            "rating": "excellent",
            "importance": 5,
            "description": (
                "Оператор помогает дооформить заказ, если клиент оставил телефон; "
                "возвращает около 15% брошенных корзин."
            ),
        },
    ],
    "Оплата": [
        {
            "name": "Платёжная страница: карта и СБП",
            "channel": "web",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "awful",
            "was": ["so_so"],
            "rated_by": "anna",
            "rating_note": "После обновления iOS 8% оплат в приложении завершаются ошибкой.",
            "importance": 10,
            "critical": True,
            "description": (
                "Во встроенном браузере приложения на iOS не открывается 3-D Secure; "
                "деньги списываются, а заказ остаётся «ожидает оплаты». СБП пока нет."
            ),
            "actions": [
                {
                    "title": "Исправить открытие 3-D Secure в приложении на iOS",
                    "assignee": "anna",
                    "due": -10,
                    "status": "open",
                },
                {
                    "title": "Подключить оплату через СБП",
                    "assignee": "anna",
                    "due": 25,
                    "status": "open",
                },
            ],
            "comments": [
                ("olga", "За неделю 46 обращений «деньги списались, а заказ не оплачен»."),
            ],
        },
        {
            "name": "Оплата картой курьеру",
            "channel": "courier",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "awful",
            "importance": 9,
            "critical": True,
            "description": (
                "Терминалы есть только у 60% курьеров подрядчика; остальные просят наличные "
                "или перевод на карту — клиенты жалуются и отказываются от заказа."
            ),
            "actions": [
                {
                    "title": "Выдать терминалы всем курьерам подрядчика",
                    "assignee": "ivan",
                    "due": -2,
                    "status": "in_progress",
                },
            ],
        },
        {
            "name": "Электронный чек и письмо-подтверждение",
            "channel": "email",
            "category": "business",
            "owner": "anna",
            "team": "ecommerce",
            "rating": "so_so",
            "importance": 6,
            "description": "Чек приходит через 40–60 минут после оплаты; письмо без номера заказа.",
            "actions": [
                {
                    "title": "Перевести письмо-подтверждение на адаптивный шаблон",
                    "assignee": "demo",
                    "due": -15,
                    "status": "done",
                },
            ],
        },
    ],
}
