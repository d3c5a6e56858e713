"""How the demo's customers behave on the two maps: the plans ``simulate.py`` walks.

Touchpoints are named as on the maps (store_touchpoints_*.py, office_touchpoints.py); stages are
listed in map order, one plan per stage, branches included (courier delivery and pick-up are
alternatives of one step: ``share`` says how customers split between them; support is an
optional step: ``skip`` is the share of customers who never need it). The numbers are chosen so
the history tells the maps' story: most exits happen right after the awful touchpoints (bad
reviews, the long checkout form, the failing payment page, late couriers, the 8-800 line; on
the B2B map the paperwork), so-so ones lose a few customers, excellent ones almost none.
"""

from .simulate import JourneyPlan, RepeatPlan, StagePlan

# Probability of leaving for good right after a touchpoint of each rating.
LEAVE_AFTER = {"awful": 0.30, "so_so": 0.05, "excellent": 0.01, "unrated": 0.03}

SEARCH = "Поисковая выдача и контекстная реклама"
MAP_REVIEWS = "Отзывы на картах и отзовиках"
COMMUNITY = "Сообщество в соцсетях"
MARKETPLACE = "Витрина магазина на маркетплейсе"
CATALOG = "Главная страница и каталог"
SITE_SEARCH = "Поиск по каталогу"
PRODUCT_CARD = "Карточка товара: фото, состав, сроки годности"
REPEAT_BUTTON = "Приложение: кнопка «Повторить заказ»"
SITE_CHAT = "Чат-консультант на сайте"
CART = "Корзина и порог бесплатной доставки"
CHECKOUT_FORM = "Форма оформления заказа"
SLOT_CHOICE = "Выбор интервала доставки"
CART_EMAILS = "Письма о брошенной корзине"
OPERATOR_CALL = "Звонок оператора по незавершённому заказу"
PAYMENT_PAGE = "Платёжная страница: карта и СБП"
CARD_TO_COURIER = "Оплата картой курьеру"
RECEIPT = "Электронный чек и письмо-подтверждение"
COURIER_CALL = "Звонок курьера перед приездом"
ON_TIME = "Соблюдение интервала доставки"
COURIER_MANNER = "Внешний вид и вежливость курьера"
TRACKING = "Отслеживание курьера на карте в приложении"
PICKUP_CODE = "Код получения в SMS и приложении"
PICKUP = "Самовывоз из пункта выдачи"
PICKUP_QUEUE = "Очередь в пункте выдачи вечером"
PACKAGING = "Упаковка и пакеты"
PAPERS = "Накладная и документы в заказе"
REPLACEMENTS = "Замены отсутствующих товаров"
FRESHNESS = "Свежесть продуктов и сроки годности"
CALL_CENTRE = "Колл-центр 8-800"
TELEGRAM = "Чат поддержки в Telegram"
REFUNDS = "Возврат денег и претензии"
SUPPORT_HISTORY = "Единая история обращений по всем каналам"
POINTS = "Баллы и личный кабинет"
OFFERS = "Персональные предложения в рассылке"
REVIEW_REQUEST = "Просьба оставить отзыв после доставки"
REFERRAL = "Реферальная программа «Приведи соседа»"

STORE = JourneyPlan(
    key="store",
    title="Интернет-магазин с доставкой: путь семьи с детьми",
    customers=4500,
    customer_id="DD-{:06d}",
    first_number=104_001,
    segments=(("families", 0.72), (None, 0.28)),
    leave_after=LEAVE_AFTER,
    # Browsing one more product card is no reason to leave; the awful ones are tuned one by one.
    leave_override={
        PRODUCT_CARD: 0.02,
        MAP_REVIEWS: 0.34,
        CHECKOUT_FORM: 0.30,
        ON_TIME: 0.26,
        REPLACEMENTS: 0.22,
    },
    stages=(
        StagePlan(
            paths=(
                (0.30, (SEARCH,)),
                (0.22, (SEARCH, MAP_REVIEWS)),
                (0.16, (MAP_REVIEWS,)),
                (0.10, (COMMUNITY,)),
                (0.06, (COMMUNITY, MAP_REVIEWS)),
                (0.11, (MARKETPLACE,)),
                (0.05, (MARKETPLACE, MAP_REVIEWS)),
            ),
            gap_minutes=(1, 90),
            leave=0.04,
        ),
        StagePlan(
            paths=(
                (0.22, (CATALOG, PRODUCT_CARD, PRODUCT_CARD, PRODUCT_CARD)),
                (0.18, (SITE_SEARCH, PRODUCT_CARD, SITE_SEARCH, PRODUCT_CARD)),
                (0.14, (CATALOG, SITE_SEARCH, PRODUCT_CARD, PRODUCT_CARD)),
                (0.12, (REPEAT_BUTTON,)),
                (0.08, (CATALOG, SITE_CHAT, PRODUCT_CARD)),
                (0.14, (CATALOG, PRODUCT_CARD)),
                (0.12, (CATALOG,)),
            ),
            delay_hours=(0.02, 72),
            gap_minutes=(0.5, 12),
            leave=0.08,
        ),
        StagePlan(
            paths=(
                (0.58, (CART, CHECKOUT_FORM, SLOT_CHOICE)),
                (0.14, (CART, CART_EMAILS, CHECKOUT_FORM, SLOT_CHOICE)),
                (0.10, (CART, CHECKOUT_FORM, OPERATOR_CALL, SLOT_CHOICE)),
                (0.18, (CART, SLOT_CHOICE, CHECKOUT_FORM)),
            ),
            delay_hours=(0.05, 8),
            gap_minutes=(0.3, 9),
            leave=0.02,
        ),
        StagePlan(
            paths=(
                (0.62, (PAYMENT_PAGE, RECEIPT)),
                (0.10, (PAYMENT_PAGE,)),
                (0.28, (CARD_TO_COURIER, RECEIPT)),
            ),
            delay_hours=(0.01, 0.5),
            gap_minutes=(0.2, 6),
            leave=0.01,
        ),
        StagePlan(
            paths=(
                (0.58, (COURIER_CALL, ON_TIME, COURIER_MANNER)),
                (0.21, (ON_TIME, COURIER_MANNER)),
                (0.21, (TRACKING, COURIER_CALL, ON_TIME, COURIER_MANNER)),
            ),
            delay_hours=(4, 40),
            gap_minutes=(5, 50),
            leave=0.01,
            share=0.76,
        ),
        # The pick-up branch of the delivery step: the code comes when the order is ready, the
        # customer collects it on the way home hours later.
        StagePlan(
            paths=(
                (0.55, (PICKUP_CODE, PICKUP)),
                (0.25, (PICKUP_CODE, PICKUP_QUEUE, PICKUP)),
                (0.20, (PICKUP,)),
            ),
            delay_hours=(4, 40),
            gap_minutes=(30, 600),
            leave=0.01,
            share=0.24,
        ),
        StagePlan(
            paths=(
                (0.46, (PACKAGING, FRESHNESS)),
                (0.18, (PACKAGING, PAPERS, FRESHNESS)),
                (0.26, (PACKAGING, REPLACEMENTS)),
                (0.10, (FRESHNESS,)),
            ),
            delay_hours=(0.05, 1),
            gap_minutes=(1, 30),
            leave=0.01,
        ),
        StagePlan(
            paths=(
                (0.34, (TELEGRAM,)),
                (0.30, (CALL_CENTRE,)),
                (0.14, (CALL_CENTRE, REFUNDS)),
                (0.12, (TELEGRAM, REFUNDS)),
                (0.10, (SUPPORT_HISTORY, CALL_CENTRE)),
            ),
            delay_hours=(1, 96),
            gap_minutes=(5, 600),
            leave=0.02,
            skip=0.6,  # an optional step: most orders need no support
        ),
        StagePlan(
            paths=(
                (0.38, (POINTS,)),
                (0.26, (REVIEW_REQUEST,)),
                (0.20, (POINTS, OFFERS)),
                (0.10, (REFERRAL,)),
                (0.06, (OFFERS,)),
            ),
            delay_hours=(1, 240),
            gap_minutes=(10, 1440),
        ),
    ),
    # Families order two to four times a month: the app's "repeat order", checkout, payment,
    # delivery (by the branch they chose the first time), unpacking and the loyalty points again.
    repeat=RepeatPlan(stages=(1, 2, 3, 4, 6, 8), gap_days=(5, 15), again=0.82),
)

LANDING = "Business landing page"
CASE_STUDIES = "Reviews and case studies from small businesses"
FOUNDER_TIP = "Recommendation from another founder"
FIRST_CALL = "First call with the account manager"
PORTAL_DEMO = "Client portal demo and trial order"
PROPOSAL = "Commercial proposal"
PRICE_LIST = "Business price list and volume discounts"
CONTRACT = "Contract and signature"
FIRST_INVOICE = "First invoice and company details"
WELCOME_CALL = "Welcome call and portal onboarding"
FIRST_DELIVERY = "First delivery to the office"
MONTHLY_DELIVERY = "Monthly delivery on a fixed weekday"
EDO_DOCUMENTS = "Closing documents (UPD) through EDO"
SHORT_DELIVERY = "Short-delivery handling"
SPEND_REVIEW = "Quarterly spend review"
RENEWAL_NOTICE = "Renewal notice and price change"
B2B_REFERRAL = "Referral bonus for business clients"

OFFICE = JourneyPlan(
    key="office",
    title="B2B: office supplies subscription for small business",
    customers=850,
    customer_id="ORG-{:05d}",
    first_number=20_001,
    segments=(("small_business", 0.9), (None, 0.1)),
    leave_after=LEAVE_AFTER,
    leave_override={CASE_STUDIES: 0.30, CONTRACT: 0.22, FIRST_INVOICE: 0.18, EDO_DOCUMENTS: 0.20},
    window_days=60,  # a B2B deal takes weeks: the report uses a 60-day conversion window
    growth=0.15,
    stages=(
        StagePlan(
            paths=(
                (0.34, (LANDING,)),
                (0.30, (LANDING, CASE_STUDIES)),
                (0.16, (FOUNDER_TIP,)),
                (0.10, (FOUNDER_TIP, LANDING)),
                (0.10, (CASE_STUDIES, LANDING)),
            ),
            gap_minutes=(2, 240),
            leave=0.05,
        ),
        StagePlan(
            paths=((0.45, (FIRST_CALL,)), (0.55, (FIRST_CALL, PORTAL_DEMO))),
            delay_hours=(4, 120),
            gap_minutes=(20, 2880),
            leave=0.06,
        ),
        StagePlan(
            paths=((0.5, (PROPOSAL,)), (0.5, (PRICE_LIST, PROPOSAL))),
            delay_hours=(2, 96),
            gap_minutes=(30, 1440),
            leave=0.01,
        ),
        StagePlan(
            paths=((1.0, (CONTRACT, FIRST_INVOICE)),),
            delay_hours=(12, 120),
            gap_minutes=(60, 4320),
            leave=0.01,
        ),
        StagePlan(
            paths=((0.8, (WELCOME_CALL, FIRST_DELIVERY)), (0.2, (FIRST_DELIVERY,))),
            delay_hours=(24, 144),
            gap_minutes=(60, 2880),
            leave=0.02,
        ),
        StagePlan(
            paths=(
                (0.60, (MONTHLY_DELIVERY, EDO_DOCUMENTS)),
                (0.25, (MONTHLY_DELIVERY, SHORT_DELIVERY, EDO_DOCUMENTS)),
                (0.15, (MONTHLY_DELIVERY,)),
            ),
            delay_hours=(48, 320),
            gap_minutes=(60, 4320),
            leave=0.02,
        ),
        StagePlan(
            paths=(
                (0.50, (SPEND_REVIEW, RENEWAL_NOTICE)),
                (0.35, (RENEWAL_NOTICE,)),
                (0.15, (RENEWAL_NOTICE, B2B_REFERRAL)),
            ),
            delay_hours=(24, 240),
            gap_minutes=(60, 4320),
        ),
    ),
    # A subscription: the delivery and its documents every month.
    repeat=RepeatPlan(stages=(5,), gap_days=(26, 34), again=0.92),
)

PLANS = (STORE, OFFICE)
