"""The demo workspace, its users, teams, channels and segments."""

WORKSPACE_NAME = "Демо: интернет-магазин «ДомДоставка» (Demo online store)"
WORKSPACE_SLUG = "demo"

# Every demo user gets this password when the command creates it; existing users keep theirs.
PASSWORD = "demo12345"  # the demo's published password  # nosec B105
EMAIL_DOMAIN = "demo.example.com"

# The first user creates the workspace and becomes its admin.
USERS = [
    {
        "username": "demo",
        "first_name": "Alex",
        "last_name": "Morgan",
        "role": "admin",
        "title": "Head of brand and CX",
    },
    {
        "username": "anna",
        "first_name": "Анна",
        "last_name": "Смирнова",
        "role": "editor",
        "title": "Руководитель e-commerce",
        "language": "ru",  # her interface is Russian (saved in her settings)
    },
    {
        "username": "ivan",
        "first_name": "Иван",
        "last_name": "Петров",
        "role": "editor",
        "title": "Руководитель логистики",
    },
    {
        "username": "olga",
        "first_name": "Ольга",
        "last_name": "Кузнецова",
        "role": "editor",
        "title": "Руководитель службы поддержки",
    },
    {
        "username": "viewer",
        "first_name": "Павел",
        "last_name": "Орлов",
        "role": "viewer",
        "title": "Аналитик (только просмотр)",
    },
]

TEAMS = [
    {
        "key": "ecommerce",
        "name": "E-commerce",
        "description": "Сайт, приложение, каталог, корзина, оформление заказа и онлайн-оплата.",
        "members": ["anna", "demo"],
    },
    {
        "key": "logistics",
        "name": "Логистика / Logistics",
        "description": "Склад, упаковка, курьеры, пункты выдачи, подрядчики по доставке.",
        "members": ["ivan"],
    },
    {
        "key": "support",
        "name": "Служба поддержки / Customer care",
        "description": "Колл-центр, чат в мессенджере, возвраты и претензии.",
        "members": ["olga"],
    },
    {
        "key": "marketing",
        "name": "Marketing",
        "description": "Brand, reviews and ratings, email, social media and the loyalty programme.",
        "members": ["demo", "anna"],
    },
    {
        "key": "b2b",
        "name": "B2B Sales",
        "description": "Office supplies subscription for small business: leads, demos, contracts, "
        "account management and renewals.",
        "members": ["demo", "olga"],
    },
]

# key -> name, online/offline, medium
CHANNELS = [
    {"key": "web", "name": "Сайт domdostavka.ru", "kind": "online", "medium": "website"},
    {"key": "app", "name": "Мобильное приложение", "kind": "online", "medium": "app"},
    {"key": "email", "name": "Email", "kind": "online", "medium": "email"},
    {
        "key": "messenger",
        "name": "Чат в Telegram / Messenger",
        "kind": "online",
        "medium": "messenger",
    },
    {
        "key": "phone",
        "name": "Колл-центр 8-800 / Call centre",
        "kind": "offline",
        "medium": "phone",
    },
    {
        "key": "courier",
        "name": "Курьерская доставка / Courier",
        "kind": "offline",
        "medium": "delivery",
    },
    {"key": "pickup", "name": "Пункт выдачи / Pick-up point", "kind": "offline", "medium": "store"},
    {
        "key": "marketplace",
        "name": "Маркетплейс / Marketplace",
        "kind": "online",
        "medium": "marketplace",
    },
    {
        "key": "reviews",
        "name": "Отзовики и карты / Review sites and maps",
        "kind": "online",
        "medium": "review_site",
    },
    {"key": "social", "name": "Соцсети / Social media", "kind": "online", "medium": "social"},
    {"key": "portal", "name": "B2B client portal", "kind": "online", "medium": "website"},
    {
        "key": "manager",
        "name": "Account manager (calls and visits)",
        "kind": "offline",
        "medium": "phone",
    },
]

SEGMENTS = [
    {
        "key": "families",
        "name": "Семьи с детьми в мегаполисе",
        "description": (
            "B2C. Родители 28–42 лет с одним-тремя детьми, живут в большом городе, работают "
            "полный день. Заказывают продукты, бытовую химию, детские товары и небольшую технику "
            "с доставкой на дом 2–4 раза в месяц. Ценят экономию времени, точные интервалы "
            "доставки и честные отзывы; уходят к конкуренту после одной сорванной доставки."
        ),
    },
    {
        "key": "small_business",
        "name": "Малый бизнес: закупки для офиса (Small business, B2B)",
        "description": (
            "B2B. Companies of 10–50 people that buy office supplies, coffee, cleaning products "
            "and kitchen goods every month. The office manager does the buying; the owner or "
            "finance director signs the contract and watches the budget. They want one supplier, "
            "a predictable monthly invoice, closing documents on time and no chasing."
        ),
    },
]
