"""What customers of the store map write about finding, choosing, ordering and paying: one
sentence per entry, by touchpoint, band (``neg`` / ``mid`` / ``pos``) and language."""

from . import behaviour as b

TEXTS = {
    b.MAP_REVIEWS: {
        "neg": {
            "ru": [
                "Написала отзыв про испорченный заказ, магазин так и не ответил.",
                "На картах половина отзывов явно заказные, настоящим жалобам никто не отвечает.",
                "Прочитала свежие отзывы про опоздания курьеров и чуть не передумала заказывать.",
                "Жалобу в отзывах просто проигнорировали, неприятно.",
            ],
            "en": [
                "I left a review about a spoiled order and nobody ever replied.",
                "The reviews on the maps look fake, real complaints get no answer.",
            ],
        },
        "mid": {
            "ru": [
                "Отзывы читала, мнения разные, решила попробовать сама.",
                "Ответили на отзыв через неделю, шаблонной фразой.",
            ],
            "en": ["Mixed reviews online, so I decided to try it myself."],
        },
        "pos": {
            "ru": [
                "Приятно, что на отзыв ответили в тот же день и извинились.",
                "Выбрала магазин по отзывам с фото, и они не обманули.",
            ],
            "en": ["They answered my review the same day, which was nice."],
        },
    },
    b.CATALOG: {
        "neg": {
            "ru": [
                "Каталог тормозит на телефоне, категории перепутаны.",
                "Не нашла детское питание в каталоге, хотя оно было в наличии, неудобно.",
            ],
            "en": ["The catalogue is slow on my phone and the categories are confusing."],
        },
        "mid": {
            "ru": [
                "Каталог нормальный, но фильтров по составу не хватает.",
                "Ориентироваться можно, хотя разделов многовато.",
                "Цены видны сразу, а вот акции найти сложно.",
            ],
            "en": ["The catalogue is fine, but I miss filters by ingredients."],
        },
        "pos": {
            "ru": [
                "Очень удобный каталог, всё разложено по полочкам.",
                "Быстро собрала корзину по списку, всё нашлось за пять минут.",
                "Понятные разделы и цены сразу на карточках, удобно.",
                "Отличный каталог, есть всё для дома и детей.",
            ],
            "en": [
                "Very easy catalogue, I filled my basket in five minutes.",
                "Clear sections and prices right on the tiles, great.",
            ],
        },
    },
    b.SITE_SEARCH: {
        "neg": {
            "ru": [
                "Поиск не понимает опечаток: написала «малоко» и ничего не нашлось.",
                "Ищу подгузники, а поиск выдаёт корм для кошек — бесполезно.",
                "Поиск ужасный, приходится листать каталог вручную.",
                "По названию бренда поиск ничего не находит, хотя товар есть.",
            ],
            "en": [
                "Search ignores typos and shows nothing useful.",
                "I searched for nappies and got cat food, terrible search.",
            ],
        },
        "mid": {
            "ru": [
                "Поиск находит, но не с первого раза.",
                "Поиск работает, если писать название точно как на сайте.",
            ],
            "en": ["Search works if you type the exact product name."],
        },
        "pos": {
            "ru": [
                "Поиск стал заметно лучше, находит даже с ошибками.",
                "Нашла нужный сыр через поиск за секунду, удобно.",
            ],
            "en": ["Search found everything on my list, quick and easy."],
        },
    },
    b.REPEAT_BUTTON: {
        "neg": {
            "ru": ["Кнопка «Повторить заказ» добавила товары, которых уже нет, неудобно."],
            "en": ["The repeat button added items that were out of stock."],
        },
        "mid": {
            "ru": ["Повтор заказа удобен, но не запоминает замены."],
            "en": ["Repeat order is handy, but it forgets my substitutions."],
        },
        "pos": {
            "ru": [
                "Кнопка «Повторить заказ» — лучшее, что есть в приложении, экономит полчаса.",
                "Повторяю прошлый заказ в один клик, очень удобно.",
                "Приложение удобное, еженедельная закупка за две минуты.",
            ],
            "en": [
                "The repeat order button is great, saves me half an hour every week.",
                "Reordering the weekly shop takes two taps, brilliant.",
            ],
        },
    },
    b.CHECKOUT_FORM: {
        "neg": {
            "ru": [
                "Форма оформления бесконечная, одиннадцать полей, и при ошибке всё стирается.",
                "Промокод слетел, когда поменяла адрес, пришлось вводить заново — раздражает.",
                "Трижды вводила адрес, форма глючит и не принимает номер квартиры.",
                "Оформлять заказ с телефона неудобно, кнопка уезжает за экран.",
                "Бросила корзину: форма снова потребовала регистрацию, это бесит.",
                "Долго и неудобно, почему нельзя запомнить мой адрес?",
                "Форма сбросила адрес и корзину после ошибки, ужасно.",
                "Слишком сложное и неудобное оформление, бабушка не справилась бы.",
            ],
            "en": [
                "The checkout form is endless and wipes everything after one error.",
                "My promo code disappeared when I changed the address.",
                "Gave up on the order, the form kept rejecting my flat number.",
            ],
        },
        "mid": {
            "ru": [
                "Оформила со второго раза, полей многовато.",
                "Форма нормальная, но сохранённого адреса не хватает.",
            ],
            "en": ["Managed on the second try, too many fields though."],
        },
        "pos": {
            "ru": [
                "Оформила быстро, адрес подставился сам.",
                "Наконец-то удобное оформление, всё на одном экране.",
            ],
            "en": ["Checkout was quick, the address filled in automatically."],
        },
    },
    b.PAYMENT_PAGE: {
        "neg": {
            "ru": [
                "Оплата на айфоне зависает, деньги списались, а заказ «ожидает оплаты».",
                "Платёжная страница упала два раза, в итоге заплатила дважды, безобразие.",
                "СБП не работает, карта не проходит, пришлось отменить заказ.",
                "После 3-D Secure снова открылась корзина, непонятно, прошла ли оплата.",
                "Деньги вернули только через пять дней, ужасно.",
                "Оплата картой не прошла трижды, пришлось переоформлять заказ — ужасно неудобно.",
                "СБП выдаёт ошибку, а деньги списываются, это плохо.",
                "Страница оплаты зависла на 3-D Secure, заказ отменился сам, безобразие.",
                "После оплаты пришло письмо «заказ не оплачен» — плохо и тревожно.",
            ],
            "en": [
                "Payment froze on my iPhone, money taken but the order still unpaid. Awful.",
                "The payment page crashed twice and I was charged twice.",
            ],
        },
        "mid": {
            "ru": [
                "Оплатила со второй попытки, первая почему-то не прошла.",
                "Оплата прошла, но подтверждение пришло только через час.",
            ],
            "en": ["Paid on the second attempt, no idea why the first failed."],
        },
        "pos": {
            "ru": [
                "Оплатила через СБП за пару секунд, всё чётко.",
                "Сохранённая карта — удобно, оплата в одно касание.",
            ],
            "en": ["Paid by saved card in one tap, smooth."],
        },
    },
    b.CARD_TO_COURIER: {
        "neg": {
            "ru": [
                "Курьер приехал без терминала, пришлось бежать к банкомату. Плохой сервис.",
                "Выбрала оплату картой при получении, а курьер берёт только наличные. Обман.",
                "Терминал у курьера не работал, заказ увезли обратно.",
            ],
            "en": [
                "The courier had no card terminal, I had to run to a cash machine.",
                "Card payment on delivery was impossible, the terminal was broken.",
            ],
        },
        "mid": {
            "ru": ["Терминал был, но связь ловил минут десять."],
            "en": ["The terminal worked eventually, after ten minutes."],
        },
        "pos": {
            "ru": ["Курьер с терминалом, оплатила картой без проблем."],
            "en": ["Paid the courier by card, no problem at all."],
        },
    },
    b.POINTS: {
        "neg": {
            "ru": [
                "Баллы за прошлый заказ так и не начислились, обидно.",
                "В личном кабинете неудобно: не понять, сколько баллов и когда они сгорят.",
            ],
            "en": ["My loyalty points never arrived for the last order."],
        },
        "mid": {
            "ru": [
                "Баллы начисляются, но потратить их можно только на часть товаров.",
                "Программа лояльности обычная, ничего особенного.",
            ],
            "en": ["Points are fine, but you can spend them only on some items."],
        },
        "pos": {
            "ru": [
                "Приятно, что баллы сразу видны в приложении, уже оплатила ими пол-заказа.",
                "Хорошая программа, баллы реально экономят деньги.",
            ],
            "en": ["Points show up right away, nice: I paid half an order with them."],
        },
    },
    "store-general": {
        "neg": {
            "ru": [
                "Магазин испортился: опоздания, замены и никакой связи.",
                "За месяц три плохих заказа подряд, больше не хочу.",
            ],
            "en": ["Three problem orders in a month, I have had enough."],
        },
        "mid": {
            "ru": [
                "Ассортимент хороший, а вот сервис пока хромает.",
                "Цены нормальные, доставка как повезёт.",
            ],
            "en": ["Good range, the service is hit and miss."],
        },
        "pos": {
            "ru": [
                "Лучший магазин с доставкой в нашем районе.",
                "Экономит нам выходные, спасибо за отличный сервис.",
            ],
            "en": ["The best grocery delivery in our area."],
        },
    },
}
