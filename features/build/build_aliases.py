"""Build features/countries.csv and features/aliases.csv.

Run from the repository root:  python features/build/build_aliases.py

The aliases are a curated list (CURATED below), reviewed by hand. This script only
(1) expands it with mechanical variants (unaccented spelling, typographic apostrophe),
(2) decides the `case` column, (3) names in `source` the first third-party file that
attests each row (else `public-record`, or `stance` for mechanical variants and
prefixes), and (4) checks the result. Rows that people added to aliases.csv by hand
are kept as they are. It reads only ../shared/data/gazetteer/ and
uses pycountry for the ISO names and the code check.

Nothing is copied wholesale from the sources: they are used to attribute facts.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]          # the repository root
FEATURES = ROOT / "features"
GAZ = ROOT.parent / "shared" / "data" / "gazetteer"

KINDS = ("name", "demonym", "capital", "seat", "city", "prefix")
KIND_KEYS = {"n": "name", "d": "demonym", "c": "capital", "s": "seat", "y": "city", "p": "prefix"}

# ---------------------------------------------------------------------------
# Curated data.  Header line: ISO3 | report name | status.  Then one line per kind:
#   n: names   d: demonyms   c: capital (seat of government)   s: seats/institutions
#   y: other major cities    p: combining prefixes
# Aliases are separated by ";".  A trailing "!" forces case=exact.
# ---------------------------------------------------------------------------
CURATED = r"""
AFG | Afghanistan | member
n: Afghanistan; Islamic Republic of Afghanistan; Islamic Emirate of Afghanistan
d: Afghan!; Afghans!
c: Kabul
s: Loya Jirga
y: Kandahar; Herat; Mazar-i-Sharif; Mazar-e-Sharif; Jalalabad; Kunduz; Bagram; Ghazni; Khost; Lashkar Gah; Bamiyan
ALB | Albania | member
n: Albania; Republic of Albania
d: Albanian; Albanians
c: Tirana
y: Durrës; Shkodër; Vlorë; Elbasan; Korçë
DZA | Algeria | member
n: Algeria; People's Democratic Republic of Algeria
d: Algerian; Algerians
c: Algiers
s: El Mouradia
y: Oran; Annaba; Tlemcen; Blida
AND | Andorra | member
n: Andorra; Principality of Andorra
d: Andorran; Andorrans
c: Andorra la Vella
AGO | Angola | member
n: Angola; Republic of Angola
d: Angolan; Angolans
c: Luanda
y: Huambo; Benguela; Lobito; Lubango
ATG | Antigua and Barbuda | member
n: Antigua and Barbuda; Antigua & Barbuda; Antigua; Barbuda
d: Antiguan; Antiguans; Barbudan; Barbudans
ARG | Argentina | member
n: Argentina; Argentine Republic
d: Argentine; Argentines; Argentinian; Argentinians; Argentinean; Argentineans
c: Buenos Aires
s: Casa Rosada
y: Mar del Plata; Bahía Blanca; La Plata; Salta; Ushuaia; Neuquén; San Miguel de Tucumán
ARM | Armenia | member
n: Armenia; Republic of Armenia
d: Armenian; Armenians
c: Yerevan
y: Gyumri; Vanadzor
AUS | Australia | member
n: Australia; Commonwealth of Australia
d: Australian; Australians; Aussie; Aussies
c: Canberra
s: Kirribilli House
y: Sydney; Melbourne; Brisbane; Hobart; Cairns; Townsville; Gold Coast; Alice Springs
AUT | Austria | member
n: Austria; Republic of Austria
d: Austrian; Austrians
c: Vienna
y: Salzburg; Graz; Innsbruck; Linz; Klagenfurt
p: Austro
AZE | Azerbaijan | member
n: Azerbaijan; Republic of Azerbaijan
d: Azerbaijani; Azerbaijanis; Azeri; Azeris
c: Baku
s: Milli Majlis
y: Sumgait; Lankaran; Stepanakert
BHS | Bahamas | member
n: Bahamas; Commonwealth of the Bahamas
d: Bahamian; Bahamians
c: Nassau
BHR | Bahrain | member
n: Bahrain; Kingdom of Bahrain
d: Bahraini; Bahrainis
c: Manama
y: Muharraq; Riffa
BGD | Bangladesh | member
n: Bangladesh; People's Republic of Bangladesh
d: Bangladeshi; Bangladeshis
c: Dhaka
s: Jatiya Sangsad
y: Chittagong; Chattogram; Sylhet; Cox's Bazar; Khulna; Rajshahi; Narayanganj
BRB | Barbados | member
n: Barbados
d: Barbadian; Barbadians; Bajan; Bajans
c: Bridgetown
BLR | Belarus | member
n: Belarus; Republic of Belarus
d: Belarusian; Belarusians; Belarussian; Belarussians; Belorussian
c: Minsk
y: Gomel; Homel; Grodno; Hrodna; Vitebsk; Mogilev; Mahilyow
BEL | Belgium | member
n: Belgium; Kingdom of Belgium
d: Belgian; Belgians
c: Brussels
y: Antwerp; Ghent; Liège; Bruges; Namur; Leuven; Charleroi
BLZ | Belize | member
n: Belize
d: Belizean; Belizeans
c: Belmopan
y: Belize City
BEN | Benin | member
n: Benin; Republic of Benin
d: Beninese; Beninois
c: Porto-Novo; Porto Novo; Cotonou
y: Parakou; Djougou
BTN | Bhutan | member
n: Bhutan; Kingdom of Bhutan
d: Bhutanese
c: Thimphu
y: Phuentsholing
BOL | Bolivia | member
n: Bolivia; Plurinational State of Bolivia
d: Bolivian; Bolivians
c: La Paz
s: Palacio Quemado; Casa Grande del Pueblo
y: Cochabamba; Oruro; Potosí; Tarija
BIH | Bosnia and Herzegovina | member
n: Bosnia and Herzegovina; Bosnia-Herzegovina; Bosnia & Herzegovina; Bosnia; BiH!; Bosnia-Hercegovina
d: Bosnian; Bosnians
c: Sarajevo
y: Mostar; Banja Luka; Srebrenica; Tuzla; Zenica; Bihać
BWA | Botswana | member
n: Botswana; Republic of Botswana
d: Motswana; Batswana; Botswanan; Botswanans
c: Gaborone
y: Francistown; Maun
BRA | Brazil | member
n: Brazil!; Federative Republic of Brazil
d: Brazilian; Brazilians
c: Brasília
s: Planalto; Palácio do Planalto; Itamaraty
y: São Paulo; Rio de Janeiro; Belo Horizonte; Porto Alegre; Recife; Manaus; Fortaleza; Curitiba; Goiânia; Campinas; Florianópolis
BRN | Brunei | member
n: Brunei; Brunei Darussalam
d: Bruneian; Bruneians
c: Bandar Seri Begawan
BGR | Bulgaria | member
n: Bulgaria; Republic of Bulgaria
d: Bulgarian; Bulgarians
y: Plovdiv; Varna; Burgas
BFA | Burkina Faso | member
n: Burkina Faso; Burkina
d: Burkinabe; Burkinabé; Burkinabè
c: Ouagadougou
y: Bobo-Dioulasso; Koudougou; Djibo
BDI | Burundi | member
n: Burundi; Republic of Burundi
d: Burundian; Burundians
c: Gitega
y: Bujumbura
CPV | Cabo Verde | member
n: Cabo Verde; Cape Verde; Republic of Cabo Verde
d: Cape Verdean; Cape Verdeans; Cabo Verdean; Cabo Verdeans
c: Praia
y: Mindelo
KHM | Cambodia | member
n: Cambodia; Kingdom of Cambodia
d: Cambodian; Cambodians
c: Phnom Penh
y: Siem Reap; Sihanoukville; Battambang; Poipet
CMR | Cameroon | member
n: Cameroon; Republic of Cameroon
d: Cameroonian; Cameroonians
c: Yaoundé
y: Douala; Bamenda; Buea; Garoua; Maroua
CAN | Canada | member
n: Canada
d: Canadian; Canadians
c: Ottawa
s: Parliament Hill; Rideau Hall; RCMP
y: Toronto; Montreal; Montréal; Vancouver; Calgary; Edmonton; Quebec City; Winnipeg; Saskatoon
CAF | Central African Republic | member
n: Central African Republic; Centrafrique
d: Central African; Central Africans
c: Bangui
y: Bambari
TCD | Chad | member
n: Chad!; Republic of Chad
d: Chadian; Chadians
c: N'Djamena; Ndjamena
y: Abéché; Moundou
CHL | Chile | member
n: Chile!; Republic of Chile
d: Chilean; Chileans
c: Santiago de Chile
s: La Moneda
y: Valparaíso; Antofagasta; Viña del Mar; Temuco; Punta Arenas; Iquique
CHN | China | member
n: China!; People's Republic of China; PRC
d: Chinese
c: Beijing
s: Zhongnanhai; PLA; People's Liberation Army; Great Hall of the People; CCP; Communist Party of China; National People's Congress
y: Shanghai; Hong Kong; Macau; Macao; Guangzhou; Shenzhen; Wuhan; Chongqing; Tianjin; Chengdu; Nanjing; Hangzhou; Urumqi; Lhasa; Xiamen; Qingdao; Dalian; Harbin; Shenyang; Zhengzhou; Kunming; Xi'an; Suzhou; Fuzhou; Hefei; Changsha; Nanning
p: Sino
COL | Colombia | member
n: Colombia; Republic of Colombia
d: Colombian; Colombians
c: Bogotá
s: Casa de Nariño
y: Medellín; Barranquilla; Bucaramanga; Cúcuta; Santa Marta
COM | Comoros | member
n: Comoros; Union of the Comoros
d: Comorian; Comorians; Comoran; Comorans
c: Moroni
COG | Republic of the Congo | member
n: Republic of the Congo; Republic of Congo; Congo-Brazzaville; Congo Brazzaville; Congo Republic
c: Brazzaville
y: Pointe-Noire
CRI | Costa Rica | member
n: Costa Rica; Republic of Costa Rica
d: Costa Rican; Costa Ricans
CIV | Côte d'Ivoire | member
n: Côte d'Ivoire; Ivory Coast; Republic of Côte d'Ivoire
d: Ivorian; Ivorians
c: Yamoussoukro; Abidjan
y: Bouaké; Korhogo; Daloa
HRV | Croatia | member
n: Croatia; Republic of Croatia
d: Croatian; Croatians; Croat; Croats
c: Zagreb
y: Rijeka; Dubrovnik; Zadar; Osijek; Vukovar
CUB | Cuba | member
n: Cuba; Republic of Cuba
d: Cuban; Cubans
c: Havana
y: Santiago de Cuba; Camagüey; Holguín; Matanzas; Cienfuegos
CYP | Cyprus | member
n: Cyprus; Republic of Cyprus
d: Cypriot; Cypriots
c: Nicosia
y: Limassol; Larnaca; Famagusta
CZE | Czechia | member
n: Czechia; Czech Republic
d: Czech; Czechs
c: Prague
s: Prague Castle
y: Brno; Ostrava; Plzeň; Pilsen; Olomouc
PRK | North Korea | member
n: North Korea; Democratic People's Republic of Korea; DPRK; N. Korea
d: North Korean; North Koreans
c: Pyongyang
s: Korean People's Army; KPA; Workers' Party of Korea; Supreme People's Assembly
y: Kaesong; Yongbyon; Sinuiju; Wonsan; Hamhung; Chongjin; Nampo
COD | DR Congo | member
n: Democratic Republic of the Congo; Democratic Republic of Congo; DR Congo; DRC; Congo-Kinshasa; Congo; D.R. Congo
d: Congolese
c: Kinshasa
y: Goma; Lubumbashi; Bukavu; Kisangani; Kananga; Mbuji-Mayi; Bunia; Uvira; Kolwezi; Matadi
DNK | Denmark | member
n: Denmark; Kingdom of Denmark
d: Danish!; Dane!; Danes!
c: Copenhagen
s: Folketing; Christiansborg
y: Aarhus; Odense; Aalborg; Esbjerg
DJI | Djibouti | member
n: Djibouti; Republic of Djibouti
d: Djiboutian; Djiboutians
c: Djibouti City
DMA | Dominica | member
n: Dominica; Commonwealth of Dominica
c: Roseau
DOM | Dominican Republic | member
n: Dominican Republic
d: Dominican; Dominicans
c: Santo Domingo
y: Santiago de los Caballeros; Punta Cana; Puerto Plata; La Romana
ECU | Ecuador | member
n: Ecuador; Republic of Ecuador
d: Ecuadorian; Ecuadorians; Ecuadorean; Ecuadoreans
c: Quito
s: Carondelet
y: Guayaquil; Esmeraldas; Machala; Ambato
EGY | Egypt | member
n: Egypt; Arab Republic of Egypt
d: Egyptian; Egyptians
c: Cairo
s: Ittihadiya Palace
y: Giza; Port Said; Suez; Sharm el-Sheikh; Sharm El Sheikh; Luxor; Aswan; Ismailia; El-Arish; Arish; Mansoura
SLV | El Salvador | member
n: El Salvador; Republic of El Salvador
d: Salvadoran; Salvadorans; Salvadorean; Salvadoreans
c: San Salvador
y: Soyapango
GNQ | Equatorial Guinea | member
n: Equatorial Guinea; Republic of Equatorial Guinea
d: Equatorial Guinean; Equatorial Guineans; Equatoguinean; Equatoguineans
c: Malabo
ERI | Eritrea | member
n: Eritrea; State of Eritrea
d: Eritrean; Eritreans
c: Asmara
y: Massawa; Assab
EST | Estonia | member
n: Estonia; Republic of Estonia
d: Estonian; Estonians
c: Tallinn
s: Riigikogu
y: Tartu; Narva; Pärnu
SWZ | Eswatini | member
n: Eswatini; eSwatini!; Swaziland; Kingdom of Eswatini
d: Swazi; Swazis
c: Mbabane; Lobamba
s: Libandla
y: Manzini
ETH | Ethiopia | member
n: Ethiopia; Federal Democratic Republic of Ethiopia
d: Ethiopian; Ethiopians
c: Addis Ababa
y: Dire Dawa; Mekelle; Mekele; Gondar; Bahir Dar; Hawassa; Aksum; Axum; Jijiga
FJI | Fiji | member
n: Fiji; Republic of Fiji
d: Fijian; Fijians
c: Suva
y: Lautoka
FIN | Finland | member
n: Finland; Republic of Finland
d: Finnish; Finn!; Finns!
c: Helsinki
s: Eduskunta
y: Tampere; Turku; Espoo; Oulu; Vantaa
FRA | France | member
n: France; French Republic
d: French!; Frenchman; Frenchmen; Gallic
c: Paris
s: Élysée; Élysée Palace; Quai d'Orsay; Matignon; DGSE
y: Marseille; Marseilles; Lyon; Toulouse; Lille; Nantes; Calais; Montpellier; Grenoble; Rennes; Le Havre; Toulon
p: Franco
GAB | Gabon | member
n: Gabon; Gabonese Republic
d: Gabonese
c: Libreville
y: Port-Gentil; Franceville
GMB | Gambia | member
n: Gambia; Republic of the Gambia
d: Gambian; Gambians
c: Banjul
y: Serekunda
GEO | Georgia | member
n: Georgia!
d: Georgian; Georgians
c: Tbilisi
y: Batumi; Kutaisi; Rustavi; Zugdidi; Sukhumi; Tskhinvali
DEU | Germany | member
n: Germany; Federal Republic of Germany
d: German; Germans
c: Berlin
s: Bundestag; Bundeswehr; Bundesbank; BND; Federal Foreign Office; Schloss Bellevue
y: Hamburg; Munich; Frankfurt; Cologne; Stuttgart; Düsseldorf; Leipzig; Dresden; Bonn; Nuremberg; Bremen; Dortmund; Essen; Hannover
p: Germano
GHA | Ghana | member
n: Ghana; Republic of Ghana
d: Ghanaian; Ghanaians
c: Accra
y: Kumasi; Takoradi; Cape Coast
GRC | Greece | member
n: Greece; Hellenic Republic
d: Greek; Greeks; Hellenic
c: Athens
s: Maximos Mansion
y: Thessaloniki; Piraeus; Patras; Heraklion; Volos
p: Greco
GRD | Grenada | member
n: Grenada
d: Grenadian; Grenadians
GTM | Guatemala | member
n: Guatemala; Republic of Guatemala
d: Guatemalan; Guatemalans
c: Guatemala City
y: Quetzaltenango; Mixco
GIN | Guinea | member
n: Guinea!; Republic of Guinea; Guinea-Conakry; Guinea Conakry
d: Guinean; Guineans
c: Conakry
y: Kankan; Nzérékoré; Kindia
GNB | Guinea-Bissau | member
n: Guinea-Bissau; Guinea Bissau; Republic of Guinea-Bissau
d: Bissau-Guinean; Bissau-Guineans
c: Bissau
GUY | Guyana | member
n: Guyana; Republic of Guyana
d: Guyanese
y: New Amsterdam
HTI | Haiti | member
n: Haiti; Republic of Haiti
d: Haitian; Haitians
c: Port-au-Prince
y: Cap-Haïtien; Les Cayes; Gonaïves; Jacmel
HND | Honduras | member
n: Honduras; Republic of Honduras
d: Honduran; Hondurans
c: Tegucigalpa
y: San Pedro Sula; La Ceiba; Choluteca
HUN | Hungary | member
n: Hungary
d: Hungarian; Hungarians
c: Budapest
s: Sándor Palace
y: Debrecen; Szeged; Pécs; Győr
ISL | Iceland | member
n: Iceland; Republic of Iceland
d: Icelandic; Icelander; Icelanders
c: Reykjavík
s: Althing
y: Akureyri; Keflavík
IND | India | member
n: India; Republic of India; Bharat
d: Indian; Indians
c: New Delhi; Delhi
s: South Block; North Block; Raisina Hill; MEA; Rashtrapati Bhavan; Lok Sabha; Rajya Sabha
y: Mumbai; Bombay; Kolkata; Calcutta; Chennai; Madras; Bengaluru; Bangalore; Ahmedabad; Pune; Srinagar; Amritsar; Lucknow; Jaipur; Kanpur; Nagpur; Surat; Bhopal; Patna; Guwahati; Thiruvananthapuram; Trivandrum; Kochi; Cochin; Varanasi; Agra; Chandigarh; Visakhapatnam; Indore; Gurugram; Gurgaon; Noida; Jammu; Leh; Imphal; Ayodhya; Ludhiana; Mysuru; Mysore
p: Indo
IDN | Indonesia | member
n: Indonesia; Republic of Indonesia
d: Indonesian; Indonesians
c: Jakarta
s: Merdeka Palace
y: Surabaya; Bandung; Medan; Makassar; Yogyakarta; Denpasar; Semarang; Palembang; Batam; Jayapura; Banda Aceh; Manado; Balikpapan
IRN | Iran | member
n: Iran; Islamic Republic of Iran
d: Iranian; Iranians
c: Tehran; Teheran
s: IRGC; Islamic Revolutionary Guard Corps; Revolutionary Guards; Revolutionary Guard; Quds Force; Basij; Artesh
y: Isfahan; Esfahan; Mashhad; Tabriz; Qom; Bandar Abbas; Natanz; Fordow; Bushehr; Ahvaz; Kermanshah; Zahedan; Karaj
p: Irano
IRQ | Iraq | member
n: Iraq; Republic of Iraq
d: Iraqi; Iraqis
c: Baghdad
y: Mosul; Basra; Basrah; Erbil; Irbil; Kirkuk; Fallujah; Falluja; Najaf; Karbala; Tikrit; Sulaimaniyah; Ramadi; Samarra; Nasiriyah; Baqubah
IRL | Ireland | member
n: Ireland; Republic of Ireland; Éire; Irish Republic
d: Irish
c: Dublin
s: Dáil; Dáil Éireann; Oireachtas; Leinster House; Áras an Uachtaráin
y: Cork; Galway; Limerick; Waterford
ISR | Israel | member
n: Israel; State of Israel
d: Israeli; Israelis
c: Jerusalem
s: Knesset; IDF; Mossad; Shin Bet
y: Tel Aviv; Haifa; Eilat; Beersheba; Ashkelon; Ashdod; Netanya; Jaffa; Sderot; Herzliya; Nazareth; Dimona
ITA | Italy | member
n: Italy; Italian Republic
d: Italian; Italians
c: Rome
s: Palazzo Chigi; Quirinale; Farnesina
y: Milan; Naples; Turin; Venice; Genoa; Palermo; Bologna; Trieste; Catania; Verona
p: Italo
JAM | Jamaica | member
n: Jamaica
d: Jamaican; Jamaicans
y: Montego Bay; Spanish Town
JPN | Japan | member
n: Japan
d: Japanese
c: Tokyo
s: Kantei; Kasumigaseki; Self-Defense Forces; Self-Defence Forces; JSDF
y: Osaka; Kyoto; Yokohama; Hiroshima; Nagasaki; Fukushima; Sapporo; Nagoya; Fukuoka; Sendai; Naha; Yokosuka
p: Nippo
JOR | Jordan | member
n: Jordan!; Hashemite Kingdom of Jordan
d: Jordanian; Jordanians
c: Amman
y: Aqaba; Zarqa; Irbid; Mafraq
KAZ | Kazakhstan | member
n: Kazakhstan; Republic of Kazakhstan; Kazakstan
d: Kazakh; Kazakhs; Kazakhstani; Kazakhstanis
c: Astana; Nur-Sultan
s: Akorda; Mazhilis
y: Almaty; Alma-Ata; Shymkent; Karaganda; Aktau; Atyrau; Aktobe
KEN | Kenya | member
n: Kenya; Republic of Kenya
d: Kenyan; Kenyans
c: Nairobi
y: Mombasa; Kisumu; Eldoret; Nakuru; Garissa; Lamu
KIR | Kiribati | member
n: Kiribati; Republic of Kiribati
d: I-Kiribati
c: Tarawa; South Tarawa
KWT | Kuwait | member
n: Kuwait; State of Kuwait
d: Kuwaiti; Kuwaitis
c: Kuwait City
KGZ | Kyrgyzstan | member
n: Kyrgyzstan; Kyrgyz Republic
d: Kyrgyz; Kyrgyzstani; Kyrgyzstanis; Kirghiz
c: Bishkek
s: Jogorku Kenesh
y: Osh; Jalal-Abad
LAO | Laos | member
n: Laos; Lao PDR; Lao People's Democratic Republic
d: Laotian; Laotians; Lao
c: Vientiane
y: Luang Prabang; Savannakhet; Pakse
LVA | Latvia | member
n: Latvia; Republic of Latvia
d: Latvian; Latvians
c: Riga
s: Saeima
y: Daugavpils; Liepāja; Jūrmala
LBN | Lebanon | member
n: Lebanon; Lebanese Republic
d: Lebanese
c: Beirut
s: Baabda Palace
y: Sidon; Tyre; Baalbek; Byblos; Jounieh; Zahle
LSO | Lesotho | member
n: Lesotho; Kingdom of Lesotho
d: Basotho; Mosotho
c: Maseru
LBR | Liberia | member
n: Liberia; Republic of Liberia
d: Liberian; Liberians
c: Monrovia
y: Gbarnga
LBY | Libya | member
n: Libya; State of Libya
d: Libyan; Libyans
c: Tripoli
y: Benghazi; Misrata; Misurata; Sirte; Tobruk; Derna; Zawiya; Ajdabiya
LIE | Liechtenstein | member
n: Liechtenstein; Principality of Liechtenstein
d: Liechtensteiner; Liechtensteiners
c: Vaduz
LTU | Lithuania | member
n: Lithuania; Republic of Lithuania
d: Lithuanian; Lithuanians
c: Vilnius
s: Seimas
y: Kaunas; Klaipėda; Šiauliai
LUX | Luxembourg | member
n: Luxembourg; Grand Duchy of Luxembourg; Luxemburg
d: Luxembourger; Luxembourgers; Luxembourgish
c: Luxembourg City
y: Esch-sur-Alzette
MDG | Madagascar | member
n: Madagascar; Republic of Madagascar
d: Malagasy; Madagascan; Madagascans
c: Antananarivo
y: Toamasina; Mahajanga; Fianarantsoa
MWI | Malawi | member
n: Malawi; Republic of Malawi
d: Malawian; Malawians
c: Lilongwe
y: Blantyre; Zomba; Mzuzu
MYS | Malaysia | member
n: Malaysia
d: Malaysian; Malaysians
c: Kuala Lumpur; Putrajaya
s: Wisma Putra; Dewan Rakyat
y: Penang; Johor Bahru; Kota Kinabalu; Kuching; Melaka; Ipoh; Shah Alam
MDV | Maldives | member
n: Maldives; Republic of Maldives
d: Maldivian; Maldivians
y: Addu City
MLI | Mali | member
n: Mali; Republic of Mali
d: Malian; Malians
c: Bamako
s: Koulouba
y: Timbuktu; Kidal; Mopti; Ségou; Sikasso; Ménaka
MLT | Malta | member
n: Malta; Republic of Malta
d: Maltese
c: Valletta
y: Sliema
MHL | Marshall Islands | member
n: Marshall Islands; Republic of the Marshall Islands
d: Marshallese
c: Majuro
y: Kwajalein; Ebeye
MRT | Mauritania | member
n: Mauritania; Islamic Republic of Mauritania
d: Mauritanian; Mauritanians
c: Nouakchott
y: Nouadhibou
MUS | Mauritius | member
n: Mauritius; Republic of Mauritius
d: Mauritian; Mauritians
c: Port Louis
MEX | Mexico | member
n: Mexico; United Mexican States
d: Mexican; Mexicans
c: Mexico City
s: Los Pinos
y: Monterrey; Tijuana; Ciudad Juárez; Acapulco; Cancún; Culiacán; Puebla; Matamoros; Nuevo Laredo; Reynosa; Oaxaca; Veracruz; Hermosillo; Mexicali; Mazatlán; Querétaro; Tapachula
FSM | Micronesia | member
n: Micronesia; Federated States of Micronesia
d: Micronesian; Micronesians
c: Palikir
y: Kolonia
MDA | Moldova | member
n: Moldova; Republic of Moldova
d: Moldovan; Moldovans
c: Chișinău; Chişinău
y: Tiraspol; Bălți; Comrat
MCO | Monaco | member
n: Monaco; Principality of Monaco
d: Monegasque; Monegasques; Monégasque
y: Monte Carlo
MNG | Mongolia | member
n: Mongolia
d: Mongolian; Mongolians
c: Ulaanbaatar; Ulan Bator
s: State Great Khural
y: Erdenet; Darkhan
MNE | Montenegro | member
n: Montenegro
d: Montenegrin; Montenegrins
c: Podgorica
y: Budva; Kotor; Nikšić
MAR | Morocco | member
n: Morocco; Kingdom of Morocco
d: Moroccan; Moroccans
c: Rabat
s: Makhzen
y: Casablanca; Marrakech; Marrakesh; Tangier; Agadir; Meknes; Oujda; Nador
MOZ | Mozambique | member
n: Mozambique; Republic of Mozambique
d: Mozambican; Mozambicans
c: Maputo
y: Beira; Nampula; Quelimane; Nacala
MMR | Myanmar | member
n: Myanmar; Burma; Republic of the Union of Myanmar
d: Burmese
c: Naypyidaw; Naypyitaw; Nay Pyi Taw
s: Tatmadaw; Hluttaw
y: Yangon; Rangoon; Mandalay; Myitkyina; Sittwe; Lashio; Myawaddy
NAM | Namibia | member
n: Namibia; Republic of Namibia
d: Namibian; Namibians
c: Windhoek
y: Walvis Bay; Oshakati; Swakopmund
NRU | Nauru | member
n: Nauru; Republic of Nauru
d: Nauruan; Nauruans
c: Yaren
NPL | Nepal | member
n: Nepal; Federal Democratic Republic of Nepal
d: Nepali; Nepalis; Nepalese
c: Kathmandu; Katmandu
y: Pokhara; Biratnagar; Bhaktapur
NLD | Netherlands | member
n: Netherlands; Holland!; Kingdom of the Netherlands
d: Dutch!; Dutchman; Dutchmen
c: Amsterdam
y: Rotterdam; Utrecht; Eindhoven; Groningen
NZL | New Zealand | member
n: New Zealand; Aotearoa
d: New Zealander; New Zealanders
c: Wellington
y: Auckland; Christchurch; Dunedin; Rotorua; Tauranga
NIC | Nicaragua | member
n: Nicaragua; Republic of Nicaragua
d: Nicaraguan; Nicaraguans
c: Managua
y: Masaya; Bluefields; Chinandega
NER | Niger | member
n: Niger!; Republic of Niger; Republic of the Niger
d: Nigerien; Nigeriens
c: Niamey
y: Agadez; Zinder; Tahoua; Maradi; Diffa; Tillabéri
NGA | Nigeria | member
n: Nigeria; Federal Republic of Nigeria
d: Nigerian; Nigerians
c: Abuja
s: Aso Rock; Aso Villa
y: Lagos; Kano; Ibadan; Port Harcourt; Maiduguri; Kaduna; Enugu; Benin City; Calabar; Warri; Sokoto; Owerri; Abeokuta; Onitsha
MKD | North Macedonia | member
n: North Macedonia; Republic of North Macedonia; Macedonia; Former Yugoslav Republic of Macedonia; FYROM
d: Macedonian; Macedonians; North Macedonian; North Macedonians
c: Skopje
y: Bitola; Kumanovo; Tetovo; Ohrid
NOR | Norway | member
n: Norway; Kingdom of Norway
d: Norwegian; Norwegians
c: Oslo
s: Storting
y: Bergen; Trondheim; Stavanger; Tromsø; Kirkenes
OMN | Oman | member
n: Oman; Sultanate of Oman
d: Omani; Omanis
c: Muscat
y: Salalah; Sohar; Duqm; Nizwa
PAK | Pakistan | member
n: Pakistan; Islamic Republic of Pakistan
d: Pakistani; Pakistanis
c: Islamabad
s: ISI; Inter-Services Intelligence; ISPR; Aiwan-e-Sadr
y: Karachi; Lahore; Rawalpindi; Peshawar; Quetta; Multan; Faisalabad; Abbottabad; Gwadar; Sialkot; Bahawalpur; Sukkur
p: Pak
PLW | Palau | member
n: Palau; Republic of Palau
d: Palauan; Palauans
c: Ngerulmud
y: Koror
PAN | Panama | member
n: Panama!; Republic of Panama
d: Panamanian; Panamanians
c: Panama City
y: Bocas del Toro
PNG | Papua New Guinea | member
n: Papua New Guinea; Independent State of Papua New Guinea; PNG
d: Papua New Guinean; Papua New Guineans
c: Port Moresby
y: Lae; Mount Hagen; Madang; Goroka
PRY | Paraguay | member
n: Paraguay; Republic of Paraguay
d: Paraguayan; Paraguayans
c: Asunción
y: Ciudad del Este; Pedro Juan Caballero
PER | Peru | member
n: Peru; Republic of Peru
d: Peruvian; Peruvians
c: Lima!
y: Arequipa; Cusco; Cuzco; Iquitos; Piura; Chiclayo; Huancayo; Puno; Ayacucho
PHL | Philippines | member
n: Philippines; Republic of the Philippines
d: Filipino; Filipinos; Filipina; Filipinas; Philippine
c: Manila
s: Malacañang; Malacañang Palace
y: Quezon City; Cebu; Davao; Marawi; Zamboanga; Iloilo; Bacolod; Baguio; Cagayan de Oro; Makati; Taguig
POL | Poland | member
n: Poland; Republic of Poland
d: Polish!; Pole!; Poles!
c: Warsaw
s: Sejm
y: Kraków; Cracow; Gdańsk; Wrocław; Łódź; Poznań; Rzeszów; Lublin; Szczecin; Katowice; Białystok; Bydgoszcz; Przemyśl
PRT | Portugal | member
n: Portugal; Portuguese Republic
d: Portuguese
c: Lisbon
s: Belém Palace; São Bento Palace
y: Porto; Oporto; Coimbra
p: Luso
QAT | Qatar | member
n: Qatar; State of Qatar
d: Qatari; Qataris
c: Doha
y: Lusail
KOR | South Korea | member
n: South Korea; Republic of Korea; ROK; Korea; S. Korea
d: South Korean; South Koreans; Korean; Koreans
c: Seoul
s: Blue House; Cheong Wa Dae
y: Busan; Pusan; Incheon; Daegu; Gwangju; Ulsan; Suwon; Daejeon; Pyeongtaek; Changwon
ROU | Romania | member
n: Romania
d: Romanian; Romanians
c: Bucharest
s: Cotroceni Palace
y: Cluj-Napoca; Cluj; Timișoara; Timişoara; Constanța; Constanţa; Iași; Brașov; Craiova; Galați; Sibiu; Oradea
RUS | Russia | member
n: Russia; Russian Federation
d: Russian; Russians
c: Moscow
s: Kremlin; Duma; State Duma; Federation Council; FSB; GRU; SVR
y: St Petersburg; St. Petersburg; Saint Petersburg; Leningrad; Novosibirsk; Yekaterinburg; Kazan; Vladivostok; Sochi; Kaliningrad; Murmansk; Grozny; Volgograd; Nizhny Novgorod; Rostov-on-Don; Belgorod; Kursk; Krasnodar; Samara; Omsk; Chelyabinsk; Irkutsk; Krasnoyarsk; Khabarovsk; Novorossiysk; Pskov; Smolensk; Tver; Bryansk; Voronezh; Makhachkala; Vladikavkaz; Arkhangelsk; Rostov
p: Russo
RWA | Rwanda | member
n: Rwanda; Republic of Rwanda
d: Rwandan; Rwandans; Rwandese
c: Kigali
y: Gisenyi
KNA | Saint Kitts and Nevis | member
n: Saint Kitts and Nevis; St Kitts and Nevis; St. Kitts and Nevis; Saint Kitts; St Kitts; St. Kitts; Nevis
d: Kittitian; Kittitians; Nevisian; Nevisians
c: Basseterre
LCA | Saint Lucia | member
n: Saint Lucia; St Lucia; St. Lucia
d: Saint Lucian; Saint Lucians; St Lucian; St Lucians
c: Castries
VCT | Saint Vincent and the Grenadines | member
n: Saint Vincent and the Grenadines; St Vincent and the Grenadines; St. Vincent and the Grenadines
d: Vincentian; Vincentians
c: Kingstown
WSM | Samoa | member
n: Samoa; Independent State of Samoa
d: Samoan; Samoans
c: Apia
SMR | San Marino | member
n: San Marino; Republic of San Marino
d: Sammarinese
c: City of San Marino
STP | Sao Tome and Principe | member
n: São Tomé and Príncipe; São Tomé & Príncipe
d: Santomean; Santomeans; São Toméan; São Toméans
c: São Tomé
SAU | Saudi Arabia | member
n: Saudi Arabia; Kingdom of Saudi Arabia; KSA
d: Saudi; Saudis; Saudi Arabian; Saudi Arabians
c: Riyadh
s: Al-Yamamah Palace
y: Jeddah; Jiddah; Mecca; Makkah; Dammam; Dhahran; Tabuk; Najran; Jizan; Ras Tanura; Abqaiq; Yanbu
SEN | Senegal | member
n: Senegal; Republic of Senegal
d: Senegalese
c: Dakar
y: Touba; Ziguinchor; Thiès
SRB | Serbia | member
n: Serbia; Republic of Serbia
d: Serbian; Serbians; Serb; Serbs
c: Belgrade
y: Novi Sad; Kragujevac; Subotica
SYC | Seychelles | member
n: Seychelles; Republic of Seychelles
d: Seychellois
SLE | Sierra Leone | member
n: Sierra Leone; Republic of Sierra Leone
d: Sierra Leonean; Sierra Leoneans
c: Freetown
y: Kenema; Makeni
SGP | Singapore | member
n: Singapore; Republic of Singapore
d: Singaporean; Singaporeans
SVK | Slovakia | member
n: Slovakia; Slovak Republic
d: Slovak; Slovaks; Slovakian; Slovakians
c: Bratislava
y: Košice; Prešov
SVN | Slovenia | member
n: Slovenia; Republic of Slovenia
d: Slovenian; Slovenians; Slovene; Slovenes
c: Ljubljana
y: Maribor; Koper
SLB | Solomon Islands | member
n: Solomon Islands; Solomons
d: Solomon Islander; Solomon Islanders
c: Honiara
y: Gizo; Auki
SOM | Somalia | member
n: Somalia; Federal Republic of Somalia
d: Somali; Somalis; Somalian; Somalians
c: Mogadishu
s: Villa Somalia
y: Kismayo; Baidoa; Bosaso; Hargeisa; Garowe; Beledweyne; Galkayo
ZAF | South Africa | member
n: South Africa; Republic of South Africa
d: South African; South Africans
c: Pretoria
s: Union Buildings
y: Johannesburg; Cape Town; Durban; Soweto; Port Elizabeth; Gqeberha; Bloemfontein; Polokwane; Pietermaritzburg
SSD | South Sudan | member
n: South Sudan; Republic of South Sudan
d: South Sudanese
c: Juba
y: Malakal; Bentiu; Yei
ESP | Spain | member
n: Spain; Kingdom of Spain
d: Spanish; Spaniard; Spaniards
c: Madrid
s: Moncloa; La Moncloa; Cortes Generales
y: Barcelona; Seville; Bilbao; Málaga; Zaragoza; Alicante; Pamplona; Cádiz; Las Palmas
LKA | Sri Lanka | member
n: Sri Lanka; Democratic Socialist Republic of Sri Lanka
d: Sri Lankan; Sri Lankans; Lankan; Lankans
c: Colombo; Sri Jayawardenepura Kotte
y: Kandy; Jaffna; Trincomalee; Hambantota; Galle; Batticaloa; Negombo
SDN | Sudan | member
n: Sudan; Republic of the Sudan; Republic of Sudan
d: Sudanese
c: Khartoum
y: Omdurman; Port Sudan; El Fasher; Kassala; El Obeid; Wad Madani; Nyala; Kadugli; Al-Fashir
SUR | Suriname | member
n: Suriname; Surinam; Republic of Suriname
d: Surinamese; Surinamer; Surinamers
c: Paramaribo
SWE | Sweden | member
n: Sweden; Kingdom of Sweden
d: Swedish; Swede!; Swedes!
c: Stockholm
s: Riksdag; Rosenbad; Riksbank
y: Gothenburg; Göteborg; Malmö; Uppsala; Västerås; Örebro; Linköping; Kiruna
CHE | Switzerland | member
n: Switzerland; Swiss Confederation
d: Swiss
c: Bern; Berne
y: Zurich; Zürich; Lugano; Winterthur; St. Gallen; St Gallen
SYR | Syria | member
n: Syria; Syrian Arab Republic
d: Syrian; Syrians
c: Damascus
y: Aleppo; Homs; Hama; Idlib; Raqqa; Latakia; Deir ez-Zor; Deir el-Zour; Daraa; Tartus; Deraa; Qamishli; Kobani; Palmyra; Douma
TJK | Tajikistan | member
n: Tajikistan; Republic of Tajikistan
d: Tajik; Tajiks; Tajikistani; Tajikistanis
c: Dushanbe
y: Khujand; Kulob
THA | Thailand | member
n: Thailand; Kingdom of Thailand
d: Thai; Thais
c: Bangkok
y: Chiang Mai; Phuket; Pattaya; Hat Yai; Khon Kaen; Nakhon Ratchasima; Pattani
TLS | Timor-Leste | member
n: Timor-Leste; Timor Leste; East Timor; Democratic Republic of Timor-Leste
d: Timorese; East Timorese
c: Dili
y: Baucau
TGO | Togo | member
n: Togo; Togolese Republic
d: Togolese
c: Lomé
y: Sokodé
TON | Tonga | member
n: Tonga; Kingdom of Tonga
d: Tongan; Tongans
c: Nuku'alofa
y: Neiafu
TTO | Trinidad and Tobago | member
n: Trinidad and Tobago; Trinidad & Tobago; Trinidad; Tobago
d: Trinidadian; Trinidadians; Tobagonian; Tobagonians
c: Port of Spain; Port-of-Spain
y: Chaguanas
TUN | Tunisia | member
n: Tunisia; Republic of Tunisia
d: Tunisian; Tunisians
c: Tunis
s: Carthage Palace
y: Sfax; Sousse; Bizerte; Kairouan
TUR | Turkey | member
n: Turkey!; Türkiye; Republic of Türkiye; Republic of Turkey
d: Turkish; Turk; Turks
c: Ankara
s: Çankaya Palace
y: Istanbul; İstanbul; İzmir; Antalya; Bursa; Adana; Gaziantep; Diyarbakır; Konya; Trabzon; Mersin; Kahramanmaraş
p: Turco
TKM | Turkmenistan | member
n: Turkmenistan
d: Turkmen; Turkmens
c: Ashgabat; Ashkhabad
y: Turkmenabat
TUV | Tuvalu | member
n: Tuvalu
d: Tuvaluan; Tuvaluans
c: Funafuti
UGA | Uganda | member
n: Uganda; Republic of Uganda
d: Ugandan; Ugandans
c: Kampala
y: Entebbe; Gulu; Jinja; Mbarara
UKR | Ukraine | member
n: Ukraine
d: Ukrainian; Ukrainians
c: Kyiv; Kiev
s: Bankova; Verkhovna Rada; SBU
y: Kharkiv; Kharkov; Odesa; Odessa; Lviv; Dnipro; Zaporizhzhia; Mariupol; Donetsk; Luhansk; Kherson; Bakhmut; Chernihiv; Sumy; Poltava; Vinnytsia; Irpin; Bucha; Kramatorsk; Sloviansk; Avdiivka; Melitopol; Berdyansk; Mykolaiv; Zhytomyr; Uzhhorod; Ivano-Frankivsk; Ternopil; Rivne; Lutsk; Kryvyi Rih; Izium; Chernobyl; Sevastopol; Simferopol
ARE | United Arab Emirates | member
n: United Arab Emirates; UAE; U.A.E.; Emirates
d: Emirati; Emiratis
c: Abu Dhabi
y: Dubai; Sharjah; Fujairah; Ras al-Khaimah; Ajman
GBR | United Kingdom | member
n: United Kingdom; United Kingdom of Great Britain and Northern Ireland; UK; U.K.; Britain; Great Britain; England; Scotland; Wales; Northern Ireland
d: British; Briton; Britons; Brit; Brits; English; Scottish; Scot; Scots; Welsh; Northern Irish
c: London
s: Downing Street; Whitehall; Foreign Office; FCDO; Westminster; Home Office; MI5; MI6; GCHQ; Royal Navy; Royal Air Force; RAF; Buckingham Palace; Chequers; Stormont; Holyrood; Senedd
y: Manchester; Liverpool; Glasgow; Edinburgh; Belfast; Cardiff; Leeds; Sheffield; Bristol; Nottingham; Southampton; Coventry; Derry; Londonderry
p: Anglo
TZA | Tanzania | member
n: Tanzania; United Republic of Tanzania
d: Tanzanian; Tanzanians
c: Dodoma
y: Dar es Salaam; Zanzibar; Arusha; Mwanza; Mbeya
USA | United States | member
n: United States; United States of America; US; U.S.; USA; U.S.A.; America
d: American; Americans
c: Washington; Washington, D.C.; Washington D.C.; Washington DC; Washington, DC
s: White House; Oval Office; Pentagon; State Department; State Dept; Department of State; Defense Department; Department of Defense; Capitol Hill; Foggy Bottom; Camp David; Air Force One; CIA; FBI; USTR; CENTCOM; INDOPACOM; AFRICOM; EUCOM; SOUTHCOM; Federal Reserve; Treasury Department; Department of the Treasury; Justice Department; Department of Homeland Security; National Security Agency
y: New York; New York City; Los Angeles; Chicago; San Francisco; Houston; Miami; Boston; Seattle; Atlanta; Philadelphia; Dallas; Detroit; Denver; Las Vegas; San Diego; Honolulu; New Orleans; Minneapolis; Baltimore; Pittsburgh
URY | Uruguay | member
n: Uruguay; Oriental Republic of Uruguay; Eastern Republic of Uruguay
d: Uruguayan; Uruguayans
c: Montevideo
y: Punta del Este; Paysandú
UZB | Uzbekistan | member
n: Uzbekistan; Republic of Uzbekistan
d: Uzbek; Uzbeks; Uzbekistani; Uzbekistanis
c: Tashkent
s: Oliy Majlis
y: Samarkand; Bukhara; Namangan; Andijan; Nukus
VUT | Vanuatu | member
n: Vanuatu; Republic of Vanuatu
d: Ni-Vanuatu
c: Port Vila
y: Luganville
VEN | Venezuela | member
n: Venezuela; Bolivarian Republic of Venezuela
d: Venezuelan; Venezuelans
c: Caracas
s: Miraflores Palace; Palacio de Miraflores
y: Maracaibo; Maracay; Barquisimeto; Ciudad Guayana; Maturín; Puerto Ayacucho
VNM | Vietnam | member
n: Vietnam; Viet Nam; Socialist Republic of Vietnam; Socialist Republic of Viet Nam
d: Vietnamese
c: Hanoi
y: Ho Chi Minh City; Saigon; Da Nang; Danang; Haiphong; Hai Phong; Nha Trang; Can Tho; Cam Ranh
YEM | Yemen | member
n: Yemen; Republic of Yemen
d: Yemeni; Yemenis
c: Sanaa; Sana'a
y: Aden; Hodeidah; Hudaydah; Taiz; Marib; Mukalla; Saada; Mokha
ZMB | Zambia | member
n: Zambia; Republic of Zambia
d: Zambian; Zambians
c: Lusaka
y: Ndola; Kitwe; Kabwe
ZWE | Zimbabwe | member
n: Zimbabwe; Republic of Zimbabwe
d: Zimbabwean; Zimbabweans
c: Harare
y: Bulawayo; Mutare; Gweru
VAT | Holy See | observer
n: Holy See; Vatican; Vatican City State
c: Vatican City
s: Apostolic Palace; Swiss Guard
PSE | Palestine | observer
n: Palestine; State of Palestine; Palestinian territories; Palestinian Authority; Gaza; Gaza Strip; West Bank; Occupied Palestinian Territory
d: Palestinian; Palestinians
c: Ramallah
y: Gaza City; Khan Younis; Khan Yunis; Rafah; Hebron; Nablus; Jenin; Bethlehem; Jericho; Jabalia; Deir al-Balah; Beit Lahia; Beit Hanoun; Tulkarm; Qalqilya
TWN | Taiwan | other
n: Taiwan; Republic of China; Chinese Taipei
d: Taiwanese
c: Taipei
y: Kaohsiung; Taichung; Tainan; Hsinchu; Keelung; Kinmen
XKX | Kosovo | other
n: Kosovo; Republic of Kosovo
d: Kosovar; Kosovars; Kosovan; Kosovans
c: Pristina; Prishtina
y: Mitrovica; Prizren; Peja; Gjakova; Ferizaj
"""

# Names and demonyms that are also common words (or have a common lower-case
# sense): matched only as written or in capitals.  Acronyms are detected below.
EXACT_WORDS = {
    "Chad", "Jordan", "Turkey", "China", "Georgia", "Niger", "Guinea", "Chile",
    "Panama", "Brazil", "Holland", "Polish", "Pole", "Poles", "Swede", "Swedes",
    "Finn", "Finns", "Dane", "Danes", "Danish", "Afghan", "Afghans", "French",
    "Dutch", "Lima", "eSwatini", "BiH",
}

# Countries without an unambiguous demonym (the only English one is shared and
# assigned elsewhere) or without a usable capital alias.  The check below allows
# exactly these exceptions; see the report for why.
NO_DEMONYM = {
    "COG": "'Congolese' is shared with DR Congo and assigned to COD",
    "DMA": "'Dominican' is shared with the Dominican Republic and assigned to DOM",
    "VAT": "no demonym; 'Vatican' is already a name row",
}
# Capitals whose names are also common words, first names or other places (Sofia,
# Malé, Kingston, Georgetown, San José, Victoria, St John's, St George's) were added
# to aliases.csv by hand, each with context rules in context_rules.csv that keep the
# other readings out; this script keeps those rows.
NO_CAPITAL = {
    "MCO": "Monaco: identical to the country name (name row)",
    "SGP": "Singapore: identical to the country name (name row)",
}

PHOENIX_CODE_FIX = {"KSV": "XKX"}
GW_NAME_FIX = {
    "Ivory Coast": "CIV", "Cape Verde": "CPV", "East Timor": "TLS", "Swaziland": "SWZ",
    "Macedonia": "MKD", "Kosovo": "XKX", "Maldive Islands": "MDV",
    "Trinidad & Tobago": "TTO", "Saint Vincent & Grenadines": "VCT",
    "Antigua & Barbuda": "ATG", "Saint Kitts & Nevis": "KNA", "Czechia": "CZE",
    "Russia": "RUS", "Laos": "LAO", "Vietnam": "VNM", "South Korea": "KOR",
    "North Korea": "PRK", "Iran": "IRN", "Syria": "SYR", "Taiwan": "TWN",
    "Tanzania": "TZA", "Bolivia": "BOL", "Venezuela": "VEN", "Moldova": "MDA",
    "Congo": "COG", "Democratic Republic of the Congo": "COD", "Brunei": "BRN",
    "Federated States of Micronesia": "FSM", "German Federal Republic": "DEU",
    "Turkey": "TUR", "Yemen": "YEM", "Gambia": "GMB", "Bahamas": "BHS",
}

# ---------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                           "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"})


def unaccent(s: str) -> str:
    s = s.translate(_TRANSLIT)
    return "".join(ch for ch in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(ch))


def norm(s: str) -> str:
    """A loose key for comparing with the source files (attribution only)."""
    s = unaccent(s).replace("’", "'").replace("_", " ").replace("-", " ")
    s = s.replace(".", "").replace(",", " ")
    return " ".join(s.casefold().split())


def parse_curated():
    countries, rows = [], []
    iso = None
    for line in CURATED.strip().splitlines():
        if not line.strip():
            continue
        m = re.match(r"^([A-Z]{3}) \| (.+?) \| (member|observer|other)$", line)
        if m:
            iso = m.group(1)
            countries.append((iso, m.group(2), m.group(3)))
            continue
        key, _, rest = line.partition(":")
        kind = KIND_KEYS[key.strip()]
        for alias in rest.split(";"):
            alias = alias.strip()
            if alias:
                forced = alias.endswith("!")
                rows.append([iso, alias.rstrip("!"), kind, forced, False])
    return countries, rows


def load_sources():
    src = {k: defaultdict(set) for k in
           ("pycountry", "ngec", "phoenix", "ci_names", "ci_cap", "ci_city", "gw")}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                v = re.sub(r"^the ", "", v)
                src["pycountry"][c.alpha_3].add(v)          # exact string match
    with open(GAZ / "ngec_countries_demonyms.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            for v in [r["Name"]] + r["Nationality"].split(","):
                if v.strip():
                    src["ngec"][r["CCA3"]].add(norm(v))
    header = re.compile(r"^([A-Z][A-Z_'\-]*)\s+\[([A-Z]{3})\]")
    code = None
    with open(GAZ / "Phoenix.Countries.actors.txt", encoding="utf-8", errors="replace") as f:
        for line in f:
            m = header.match(line)
            if m:
                code = PHOENIX_CODE_FIX.get(m.group(2), m.group(2))
            if code is None or line.startswith(("#", "\t", " ")):
                continue
            phrase = line.split("#")[0].split("[")[0].strip().lstrip("+").strip()
            if phrase:
                src["phoenix"][code].add(norm(phrase))
    text = open(GAZ / "CountryInfo.120116.txt", encoding="utf-8", errors="replace").read()
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        m = re.search(r"<CountryCode>\s*([A-Z]{3})", block)
        if not m:
            continue
        cc = m.group(1)

        def field(tag):
            m2 = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            if not m2:
                return []
            out = []
            for ln in m2.group(1).splitlines():
                ln = ln.split("#")[0].strip()
                if ln:
                    out.append(norm(ln))
            return out
        src["ci_names"][cc].update(field("CountryName") + field("Nationality"))
        src["ci_cap"][cc].update(field("Capital"))
        src["ci_city"][cc].update(field("MajorCities") + field("Capital"))
    with open(GAZ / "peacesciencer_gw_capitals.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["enddate"] < "2020":
                continue
            iso = GW_NAME_FIX.get(r["statenme"])
            if iso is None:
                try:
                    iso = pycountry.countries.lookup(r["statenme"]).alpha_3
                except LookupError:
                    continue
            src["gw"][iso].add(norm(r["capital"]))
    return src


def attribute(src, iso, alias, kind, generated):
    k = norm(alias)
    order = {
        "name": [("pycountry", None), ("ngec", None), ("petrarch2-phoenix", "phoenix"),
                 ("countryinfo", "ci_names")],
        "demonym": [("ngec", None), ("countryinfo", "ci_names"), ("petrarch2-phoenix", "phoenix")],
        "capital": [("gw-capitals", "gw"), ("countryinfo", "ci_cap"), ("petrarch2-phoenix", "phoenix")],
        "seat": [("petrarch2-phoenix", "phoenix")],
        "city": [("countryinfo", "ci_city"), ("petrarch2-phoenix", "phoenix")],
        "prefix": [],
    }[kind]
    for label, table in order:
        table = table or label
        if table == "pycountry":
            if alias in src["pycountry"].get(iso, ()):
                return label
        elif k in src[table].get(iso, ()):
            return label
    if kind == "prefix" or generated:
        return "stance"
    return "public-record"


def case_of(alias, forced):
    if forced or alias in EXACT_WORDS:
        return "exact"
    letters = re.sub(r"[^A-Za-z]", "", alias)
    # acronyms and codes: one token in capitals, with or without dots ("U.S.", "MI6")
    if letters and letters.isupper() and " " not in alias:
        return "exact"
    return "proper"


def expand(rows):
    """Add unaccented and typographic-apostrophe variants as rows of their own."""
    out = list(rows)
    seen = {(r[0], r[1]) for r in rows}
    for iso, alias, kind, forced, _ in rows:
        variants = {unaccent(alias)}
        if "'" in alias:
            variants |= {alias.replace("'", "’"), unaccent(alias).replace("'", "’")}
        for v in sorted(variants):
            if v != alias and (iso, v) not in seen:
                seen.add((iso, v))
                out.append([iso, v, kind, forced, True])
    return out


def check(countries, aliases):
    errors = []
    codes = {c[0] for c in countries}
    if len(countries) != 197 or len(codes) != 197:
        errors.append(f"expected 197 countries, got {len(countries)} rows / {len(codes)} codes")
    status = defaultdict(int)
    for iso, _, st in countries:
        status[st] += 1
        if iso != "XKX" and pycountry.countries.get(alpha_3=iso) is None:
            errors.append(f"{iso}: not a pycountry alpha_3")
    if dict(status) != {"member": 193, "observer": 2, "other": 2}:
        errors.append(f"status counts {dict(status)}")
    pairs, owner = set(), defaultdict(set)
    for r in aliases:
        if r["country"] not in codes:
            errors.append(f"unknown code {r['country']}")
        key = (r["alias"], r["country"])
        if key in pairs:
            errors.append(f"duplicate {key}")
        pairs.add(key)
        owner[r["alias"]].add(r["country"])
        # a case-insensitive clash is a clash too for `proper` matching
        owner["\0" + unaccent(r["alias"]).replace("’", "'").casefold()].add(r["country"])
        if r["kind"] not in KINDS or r["case"] not in ("exact", "proper"):
            errors.append(f"bad kind/case {r}")
        if r["alias"] != r["alias"].strip() or not r["alias"]:
            errors.append(f"whitespace {r}")
    for a, cs in owner.items():
        if len(cs) > 1:
            errors.append(f"alias {a.lstrip(chr(0))!r} maps to {sorted(cs)}")
    kinds = defaultdict(set)
    for r in aliases:
        kinds[r["country"]].add(r["kind"])
    for iso in codes:
        if "name" not in kinds[iso]:
            errors.append(f"{iso}: no name")
        if "demonym" not in kinds[iso] and iso not in NO_DEMONYM:
            errors.append(f"{iso}: no demonym")
        if "capital" not in kinds[iso] and iso not in NO_CAPITAL:
            errors.append(f"{iso}: no capital")
        if "capital" in kinds[iso] and iso in NO_CAPITAL:
            errors.append(f"{iso}: has a capital but is listed in NO_CAPITAL")
    return errors


def main() -> int:
    countries, rows = parse_curated()
    rows = expand(rows)
    src = load_sources()
    aliases = []
    for iso, alias, kind, forced, generated in rows:
        aliases.append({
            "country": iso, "alias": alias, "kind": kind,
            "case": case_of(alias, forced),
            "source": attribute(src, iso, alias, kind, generated),
        })
    # rows added to aliases.csv by hand (each with its source) are kept, not lost
    built = {(r["country"], r["alias"], r["kind"]) for r in aliases}
    by_hand = []
    if (FEATURES / "aliases.csv").exists():
        with open(FEATURES / "aliases.csv", encoding="utf-8", newline="") as f:
            by_hand = [r for r in csv.DictReader(f) if (r["country"], r["alias"], r["kind"]) not in built]
    aliases += by_hand
    # plain code-point order, so that sorted(rows) reproduces the file
    aliases.sort(key=lambda r: (r["country"], r["kind"], r["alias"]))
    country_rows = []
    for iso, name, st in sorted(countries):
        if name in src["pycountry"].get(iso, ()):
            source = "pycountry"
        elif norm(name) in src["ngec"].get(iso, ()):
            source = "ngec"
        else:
            source = "stance"
        country_rows.append({"iso3": iso, "name": name, "status": st, "source": source})

    errors = check(countries, aliases)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    with open(FEATURES / "countries.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["iso3", "name", "status", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(country_rows)
    with open(FEATURES / "aliases.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["country", "alias", "kind", "case", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(aliases)
    counts = defaultdict(int)
    for r in aliases:
        counts[r["kind"]] += 1
    print(f"countries.csv: {len(country_rows)} rows; aliases.csv: {len(aliases)} rows "
          f"({len(by_hand)} of them added by hand and kept)")
    print("  " + ", ".join(f"{k}={counts[k]}" for k in KINDS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
