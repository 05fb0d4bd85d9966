/**
 * Everyday words for the word-problem teacher. Real questions use far more nouns than a fixed list of forty, and a
 * student that has only seen forty treats an unknown noun as noise: hundreds, by category, each with containers,
 * places and the verbs that fit it.
 */
import { plural } from './vocab.ts';

export interface Noun {
  one: string;
  many: string;
}

export interface Category {
  nouns: readonly Noun[];
  containers: readonly string[];
  places: readonly string[];
  /** Past-tense verbs for getting and for losing or using some. */
  gain: readonly string[];
  lose: readonly string[];
  /** Pairs of kinds that split a collection in two ("red" and "blue" marbles). */
  kinds: readonly (readonly [string, string])[];
  /** The people who own such things, for subjects without a name ("a baker"). */
  owners: readonly string[];
  /** Whether the things have a price: pupils and guests are not bought. */
  buyable: boolean;
}

/** Space-separated nouns, `_` joining the words of one noun. */
function nouns(list: string): Noun[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const one = w.replace(/_/g, ' ');
      return { one, many: plural(one) };
    });
}

const FOOD_GAIN = ['bought', 'picked', 'got', 'was given', 'baked', 'made', 'brought home'];
const FOOD_LOSE = ['ate', 'gave away', 'sold', 'used', 'shared', 'dropped', 'packed for lunch'];
const ITEM_GAIN = ['bought', 'found', 'got', 'was given', 'won', 'collected', 'received', 'made'];
const ITEM_LOSE = ['gave away', 'lost', 'sold', 'traded', 'gave to a friend', 'donated', 'used', 'broke'];

export const CATEGORIES: readonly Category[] = [
  {
    nouns: nouns(`apple orange banana pear peach plum lemon lime mango kiwi cherry grape apricot melon coconut
      strawberry blueberry raspberry tangerine papaya fig date avocado`),
    containers: ['bag', 'basket', 'box', 'crate', 'bowl', 'bucket'],
    places: ['the market', 'the orchard', 'the farm stand', 'the grocery store', 'the kitchen'],
    gain: [...FOOD_GAIN.filter((v) => v !== 'baked'), 'picked'],
    lose: FOOD_LOSE,
    kinds: [
      ['red', 'green'],
      ['ripe', 'unripe'],
      ['big', 'small'],
      ['sweet', 'sour']
    ],
    owners: ['a farmer', 'a fruit seller', 'the grocer', 'a chef', 'the cook'],
    buyable: true
  },
  {
    nouns: nouns(`cookie cupcake muffin brownie cake pie bagel donut pretzel cracker biscuit waffle pancake tart
      roll loaf croissant sandwich taco burrito dumpling pizza sausage hot_dog candy lollipop chocolate_bar`),
    containers: ['box', 'tray', 'plate', 'jar', 'pack', 'basket', 'bag', 'carton'],
    places: ['the bakery', 'the cafe', 'the bake sale', 'the party', 'the school fair', 'the kitchen'],
    gain: FOOD_GAIN,
    lose: FOOD_LOSE,
    kinds: [
      ['chocolate', 'vanilla'],
      ['plain', 'frosted'],
      ['large', 'small'],
      ['lemon', 'cherry']
    ],
    owners: ['a baker', 'the bakery', 'a cook', 'the cafe', 'a chef', 'the school cook'],
    buyable: true
  },
  {
    nouns: nouns(`carrot potato tomato onion pepper cucumber pumpkin squash cabbage lettuce turnip beet radish
      zucchini eggplant ear_of_corn bean pea egg`),
    containers: ['bag', 'basket', 'crate', 'box', 'row', 'bin', 'carton'],
    places: ['the garden', 'the farm', 'the market', 'the field', 'the greenhouse'],
    gain: ['grew', 'picked', 'harvested', 'bought', 'collected', 'got'],
    lose: ['sold', 'cooked', 'gave away', 'used', 'ate', 'threw away'],
    kinds: [
      ['big', 'small'],
      ['green', 'yellow'],
      ['fresh', 'old']
    ],
    owners: ['a farmer', 'a gardener', 'the farm', 'a market seller', 'a cook'],
    buyable: true
  },
  {
    nouns: nouns(`pencil pen marker crayon eraser notebook ruler folder sticker glue_stick paper_clip card envelope
      stamp book comic magazine map poster postcard calendar bookmark`),
    containers: ['box', 'pack', 'case', 'cup', 'drawer', 'shelf', 'stack', 'bin'],
    places: ['the classroom', 'the library', 'the office', 'the school', 'the art room', 'the store'],
    gain: ITEM_GAIN,
    lose: ITEM_LOSE,
    kinds: [
      ['red', 'blue'],
      ['new', 'old'],
      ['long', 'short'],
      ['black', 'green']
    ],
    owners: ['a teacher', 'the librarian', 'the school', 'a student', 'the class', 'the art teacher'],
    buyable: true
  },
  {
    nouns: nouns(`marble toy_car doll teddy_bear puzzle block kite balloon yo-yo robot ball top whistle game
      action_figure jump_rope bubble_wand domino dice toy_train`),
    containers: ['box', 'bag', 'bin', 'shelf', 'basket', 'chest', 'jar'],
    places: ['the toy store', 'the playroom', 'the park', 'the fair', 'the party'],
    gain: ITEM_GAIN,
    lose: ITEM_LOSE,
    kinds: [
      ['red', 'yellow'],
      ['big', 'little'],
      ['striped', 'spotted'],
      ['wooden', 'plastic']
    ],
    owners: ['a toy maker', 'the toy store', 'a child', 'the day camp'],
    buyable: true
  },
  {
    nouns: nouns(`dog cat rabbit hamster horse cow pig sheep goat chicken duck goose turkey donkey puppy kitten
      bird parrot fish frog turtle lizard deer bear monkey zebra giraffe lion penguin seal owl butterfly bee ant
      ladybug spider`),
    containers: ['pen', 'cage', 'field', 'barn', 'tank', 'pond', 'group'],
    places: ['the farm', 'the zoo', 'the pet shop', 'the park', 'the pond', 'the forest', 'the shelter'],
    gain: ['bought', 'adopted', 'saw', 'counted', 'rescued', 'got', 'found'],
    lose: ['sold', 'gave away', 'let go', 'moved', 'sent to another farm', 'returned'],
    kinds: [
      ['brown', 'white'],
      ['young', 'old'],
      ['black', 'spotted'],
      ['big', 'small']
    ],
    owners: ['a farmer', 'the zoo', 'the pet shop', 'a vet', 'the shelter', 'a zookeeper'],
    buyable: true
  },
  {
    nouns: nouns(`shirt sock hat scarf glove jacket sweater dress skirt shoe boot belt tie button bead ribbon
      necklace bracelet ring towel blanket pillow`),
    containers: ['drawer', 'box', 'bag', 'closet', 'rack', 'pile', 'basket'],
    places: ['the clothes shop', 'the mall', 'the laundry', 'the market', 'the craft fair'],
    gain: [...ITEM_GAIN, 'knitted', 'sewed'],
    lose: ITEM_LOSE,
    kinds: [
      ['striped', 'plain'],
      ['wool', 'cotton'],
      ['blue', 'pink'],
      ['winter', 'summer']
    ],
    owners: ['a tailor', 'the shop', 'a knitter', 'the laundry'],
    buyable: true
  },
  {
    nouns: nouns(`flower rose tulip daisy sunflower lily tree bush plant seed leaf acorn pine_cone shell rock pebble
      feather stick`),
    containers: ['pot', 'vase', 'row', 'bucket', 'jar', 'bag', 'bed'],
    places: ['the garden', 'the park', 'the beach', 'the woods', 'the yard', 'the nursery'],
    gain: ['planted', 'picked', 'found', 'collected', 'grew', 'bought', 'gathered'],
    lose: ['gave away', 'sold', 'lost', 'dropped', 'threw back', 'used'],
    kinds: [
      ['red', 'white'],
      ['tall', 'short'],
      ['smooth', 'rough'],
      ['pink', 'yellow']
    ],
    owners: ['a gardener', 'the park', 'a florist', 'the school garden'],
    buyable: true
  },
  {
    nouns: nouns(`plate cup bowl spoon fork knife glass mug jar bottle candle lamp chair table bench brick tile
      nail screw board box can basket bucket`),
    containers: ['box', 'stack', 'crate', 'shelf', 'cupboard', 'pile', 'case'],
    places: ['the kitchen', 'the shop', 'the hall', 'the warehouse', 'the hardware store', 'the school'],
    gain: ['bought', 'got', 'made', 'was given', 'ordered', 'brought in'],
    lose: ['broke', 'sold', 'gave away', 'lost', 'used', 'threw out'],
    kinds: [
      ['glass', 'plastic'],
      ['big', 'small'],
      ['white', 'blue'],
      ['new', 'old']
    ],
    owners: ['a shopkeeper', 'the cafe', 'a builder', 'the restaurant', 'a carpenter', 'the hotel'],
    buyable: true
  },
  {
    nouns: nouns(`car bus bike truck boat train van scooter tractor plane wagon skateboard`),
    containers: ['row', 'lot', 'garage', 'line', 'lane'],
    places: ['the parking lot', 'the garage', 'the harbor', 'the station', 'the road'],
    gain: ['bought', 'built', 'fixed', 'parked', 'got'],
    lose: ['sold', 'drove away', 'gave away', 'lent out', 'moved'],
    kinds: [
      ['red', 'black'],
      ['new', 'used'],
      ['big', 'small']
    ],
    owners: ['a dealer', 'the garage', 'a mechanic', 'the town'],
    buyable: true
  },
  {
    nouns: nouns(`ticket coin token point game photo song video letter email page picture drawing puzzle_piece
      question problem lap mile`),
    containers: ['book', 'album', 'folder', 'roll', 'jar', 'set', 'list'],
    places: ['the fair', 'the arcade', 'school', 'the museum', 'home', 'the club'],
    gain: ['got', 'earned', 'won', 'made', 'took', 'wrote', 'finished'],
    lose: ['used', 'spent', 'lost', 'gave away', 'deleted', 'sent'],
    kinds: [
      ['easy', 'hard'],
      ['gold', 'silver'],
      ['short', 'long'],
      ['color', 'black-and-white']
    ],
    owners: ['a student', 'the club', 'a photographer', 'a writer', 'the team'],
    buyable: true
  },
  {
    nouns: nouns(`student child boy girl player guest runner singer dancer worker visitor camper swimmer reader`),
    containers: ['class', 'team', 'group', 'bus', 'table', 'row', 'room'],
    places: ['the school', 'the gym', 'the pool', 'the camp', 'the theater', 'the library', 'the museum'],
    gain: ['welcomed', 'signed up', 'invited', 'added', 'brought'],
    lose: ['sent home', 'lost', 'said goodbye to'],
    kinds: [
      ['boys', 'girls'],
      ['new', 'returning'],
      ['younger', 'older']
    ],
    owners: ['a coach', 'the teacher', 'the school', 'the club', 'the camp leader'],
    buyable: false
  }
];
