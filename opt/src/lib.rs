//! jsvm-opt: the IR→IR optimizer that reads a `Profile` — inlining, type specialization, guards with frame states, C3 function order and the hot/cold plan.
