/**
 * Common first names of many cultures, for swapping the people of GSM8K problems, with the names GSM8K itself uses
 * most. ASCII only, and without names GSM8K also writes as months or ordinary words ("May", "June", "Grace",
 * "Penny", "Sandy"), so a month or a capitalised sentence start is not taken for a person. Two lists, so that a
 * swap can keep the pronouns right.
 */
import type { Rng } from '$lib/core/rng.ts';
import type { Gsm8kItem } from './gsm8k.ts';

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const FEMALE_NAMES = words(`
  Emma Olivia Ava Sophia Isabella Mia Charlotte Amelia Harper Evelyn Abigail Emily Ella Elizabeth Camila Luna Avery
  Scarlett Victoria Chloe Penelope Layla Zoey Nora Lily Eleanor Hannah Lillian Natalie Zoe Leah Violet Audrey Claire
  Lucy Anna Caroline Naomi Sarah Allison Alice Madeline Julia Sophie Rachel Megan Jessica Jennifer Linda Susan Karen
  Nancy Betty Helen Sandra Donna Carol Michelle Laura Kimberly Angela Melissa Rebecca Kathy Wendy Aisha Fatima Amina
  Zainab Leila Yasmin Noor Mariam Salma Layan Priya Ananya Kavya Divya Meera Lakshmi Deepa Anjali Sunita Mei Ling Xiu
  Yan Jing Lan Yuki Sakura Aiko Hana Keiko Naoko Minji Jiwoo Soyeon Chiamaka Ngozi Amara Adaeze Zuri Nia Imani Ayana
  Wanjiru Thandiwe Abena Efua Kemi Lola Lucia Carmen Elena Isabel Maria Rosa Paula Marta Ines Beatriz Valeria Daniela
  Gabriela Fernanda Ximena Olga Irina Natasha Svetlana Anastasia Katya Ingrid Astrid Freya Sigrid Greta Heidi Anja
  Klara Lena Zofia Agnieszka Eszter Sanne Femke Chiara Giulia Francesca Camille Margot Amelie Celine Siobhan Aoife
  Niamh Saoirse Maeve Leilani Moana Tamar Noa Shira Yael Esther Miriam Ruth Tanvi Farah Nadia Samira Elif Zeynep Ayla
  Defne Natalia Mary Janet Jenny Jane Martha Sally Carla Lisa Jill Kim Tina Annie Amanda Jenna Beth Julie Sara Carrie
  Amy Jean Janice Kelly Jamie Ann Carly Mandy Brenda Nina Sue Stacy Monica Samantha Susie Kate Gina Cindy Kendra
  Bella Marcy Katie Diane Joan Barbara Elsa Anne Daisy Dorothy Tracy Jasmine Stephanie Kylie Tiffany Brittany Carolyn
  Tara Haley Becky Kayla Ashley Patricia Cheryl Rita Molly Sheila Mabel Mara Marla Tanya Lydia Maggie Veronica Polly
  Andrea Erin Danielle Erica Phoebe Christine Lara Diana Gretchen Nicole Shelby Alyssa Stella Christina Missy Pam
  Lulu Lana Holly Kelsey Tammy Clara Ivy Pauline Melanie Shelly Maddie Marcia Cynthia Dana Tonya
`);

export const MALE_NAMES = words(`
  Liam Noah Oliver Elijah James William Benjamin Lucas Henry Alexander Mason Michael Ethan Daniel Jacob Logan Jackson
  Levi Sebastian Mateo Jack Owen Theodore Aiden Samuel Joseph John David Wyatt Matthew Luke Asher Carter Julian Leo
  Gabriel Isaac Anthony Dylan Ezra Thomas Charles Christopher Andrew Joshua Nathan Caleb Ryan Adrian Aaron Connor
  Robert Kevin Brian George Edward Steven Paul Kenneth Gary Peter Tom Tim Greg Doug Fred Carl Mohammed Ahmed Omar Ali
  Hassan Yusuf Ibrahim Khalid Tariq Karim Arjun Rohan Vikram Ravi Sanjay Rahul Amit Raj Aditya Vivek Wei Jun Hao Chen
  Ming Lei Tao Hiroshi Kenji Takeshi Haruto Ren Sora Minho Jisung Hyun Chidi Emeka Obinna Kwame Kofi Kwabena Tunde
  Femi Jabari Tendai Sipho Musa Juan Carlos Diego Javier Miguel Pablo Alejandro Luis Jorge Rafael Mateus Joao Pedro
  Tiago Ivan Dmitri Sergei Alexei Mikhail Nikolai Lars Erik Sven Anders Nils Bjorn Johan Hans Klaus Lukas Jonas Felix
  Pierre Antoine Hugo Marco Giovanni Matteo Lorenzo Alessandro Sean Declan Cian Oisin Rhys Dafydd Keanu Tane Eitan
  Yosef Moshe Avi Emre Mehmet Burak Kerem Farid Nikhil Mark Bill Bob Mike Jerry Sam Jason Tony Matt Jim Steve Joe
  Billy Ben Harry Jake Frank Josh Adam Alex Andy Max Jimmy Jeff Randy Rick Tommy Bobby Marcus Kyle Jeremy Chris
  Johnny Ken Roger Toby Danny Justin Martin Dave Jordan Carson Gerald Simon Barry Eric Pete Jose Alan Brandon Dan
  Joey Jon Manny Ian Phil Bryan Trevor Patrick Jerome Mario Derek Bert Jay Charlie Tyler Sammy Nick Bruce Jared
  Albert Larry Richard Blake Chad Kenny Calvin Brad Ron Rob Arthur Terry Hank Scott Ralph Todd Mitchell Jayden Ted
  Nate Phillip Micah Joel Neil Walter Shane Zach Malcolm Dale Jesse Dexter Oscar Lance Rodney Travis Brendan Trey
  Troy Stephen Perry Vincent
`);

export const FIRST_NAMES: readonly string[] = [...FEMALE_NAMES, ...MALE_NAMES];

const FEMALE = new Set(FEMALE_NAMES);
const MALE = new Set(MALE_NAMES);
const KNOWN = new Set(FIRST_NAMES);

/**
 * The item with every known first name of its question replaced, in question and solution alike, by a different
 * name from `names` of the same gender where `names` has one. Whole words only, so "Mia's" keeps its "'s" and
 * "Miami" stays.
 */
export function swapNames(item: Gsm8kItem, rng: Rng, names: readonly string[] = FIRST_NAMES): Gsm8kItem {
  const capitalised = (text: string): string[] => text.match(/\b[A-Z][a-z]+\b/g) ?? [];
  const found = [...new Set(capitalised(item.question))].filter((w) => KNOWN.has(w));
  if (found.length === 0) return item;
  // Never a name the problem already uses for someone, or a word it has anyway.
  const taken = new Set([...capitalised(item.question), ...capitalised(item.solution)]);
  const swap = new Map<string, string>();
  for (const name of found) {
    const gender = FEMALE.has(name) ? FEMALE : MALE.has(name) ? MALE : null;
    const free = names.filter((n) => !taken.has(n));
    const alike = free.filter((n) => gender?.has(n) ?? true);
    const pool = alike.length > 0 ? alike : free;
    if (pool.length === 0) continue;
    const pick = rng.pick(pool);
    taken.add(pick);
    swap.set(name, pick);
  }
  const pattern = new RegExp(`\\b(?:${[...swap.keys()].join('|')})\\b`, 'g');
  const replace = (text: string): string => (swap.size === 0 ? text : text.replace(pattern, (n) => swap.get(n) ?? n));
  return { ...item, question: replace(item.question), solution: replace(item.solution) };
}
