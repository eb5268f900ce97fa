META
key;value
description;a small approval vote
num_projects;3
num_votes;4
budget;100
max_sum_cost;1e40
vote_type;approval
PROJECTS
project_id;cost;name
a;60;Park benches
b;7;"Books; and shelves"
c;40;Lights
VOTES
voter_id;age;vote
1;30;a,b
2;41;b
3;25;c,a
4;52;b,c
