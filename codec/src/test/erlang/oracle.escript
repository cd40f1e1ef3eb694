#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Independent UPER oracle for ErlangOracleTest: OTP's asn1 application (Debian packages erlang-base and
%% erlang-asn1) compiles our schema folders with the `uper` option (X.691 unaligned; `per` would be ALIGNED)
%% and generates, encodes and decodes values with its own codec.
%%
%% Modes:
%%   oracle.escript compile SCHEMA_DIR BUILD_DIR [FROM=TO ...]
%%       copies SCHEMA_DIR/*.asn (each file named after its module) into BUILD_DIR, replacing each literal FROM
%%       by TO (a workaround for an OTP bug that must not change the encoding: see ErlangOracleTest), lists them in
%%       Oracle.set.asn and compiles that set with [uper, undec_rest] into module 'Oracle' (beam and asn1db in
%%       BUILD_DIR)
%%   oracle.escript gen BUILD_DIR TYPE N SEED OUT_FILE
%%       writes N random values of TYPE (as asn1ct:value/2 makes them, after rand:seed(exsss, ...) from SEED; then
%%       a quarter of the OPTIONAL/DEFAULT components left out and table-constrained open types filled, see
%%       generator/2), one per line:
%%         HEX REHEX
%%       HEX is Erlang's UPER encoding of the value; REHEX is Erlang's decode of HEX re-encoded (sanity), or
%%       error:REASON
%%   oracle.escript check BUILD_DIR TYPE IN_FILE OUT_FILE
%%       reads one hex encoding of TYPE per line of IN_FILE and writes, per line, either
%%         ok REHEX          Erlang decoded it and REHEX is its re-encoding
%%         error REASON      Erlang refused it (decode or re-encode error, or a whole octet left unread)
%%   oracle.escript show BUILD_DIR TYPE HEX
%%       prints Erlang's decode of one hex encoding of TYPE (for a human minimising a mismatch)
%%
%% Exit status 0 on success, 2 on bad usage, 1 on any other failure (with the reason on standard error).

-mode(compile).

-define(MODULE_NAME, 'Oracle').

main(["compile", SchemaDir, BuildDir | Rewrites]) ->
    run(fun() -> compile(SchemaDir, BuildDir, [rewrite(R) || R <- Rewrites]) end);
main(["gen", BuildDir, Type, N, Seed, OutFile]) ->
    run(fun() -> gen(BuildDir, list_to_atom(Type), list_to_integer(N), list_to_integer(Seed), OutFile) end);
main(["check", BuildDir, Type, InFile, OutFile]) ->
    run(fun() -> check(BuildDir, list_to_atom(Type), InFile, OutFile) end);
main(["show", BuildDir, Type, Hex]) ->
    run(fun() -> show(BuildDir, list_to_atom(Type), Hex) end);
main(_) ->
    io:format(standard_error,
              "usage: oracle.escript compile SCHEMA_DIR BUILD_DIR [FROM=TO ...]~n"
              "       oracle.escript gen BUILD_DIR TYPE N SEED OUT_FILE~n"
              "       oracle.escript check BUILD_DIR TYPE IN_FILE OUT_FILE~n"
              "       oracle.escript show BUILD_DIR TYPE HEX~n", []),
    halt(2).

run(F) ->
    try F() of
        _ -> halt(0)
    catch
        Class:Reason:Stack ->
            io:format(standard_error, "oracle.escript failed: ~p:~P~n~p~n", [Class, Reason, 60, Stack]),
            halt(1)
    end.

%% ---- compile -------------------------------------------------------------------------------------------------

compile(SchemaDir, BuildDir, Rewrites) ->
    ok = filelib:ensure_dir(filename:join(BuildDir, "x")),
    Files = lists:sort(filelib:wildcard("*.asn", SchemaDir)),
    Files =/= [] orelse error({no_asn_files_in, SchemaDir}),
    Used = lists:append([copy_rewritten(filename:join(SchemaDir, F), filename:join(BuildDir, F), Rewrites)
                         || F <- Files]),
    [error({rewrite_matched_nothing, From}) || {From, _} <- Rewrites, not lists:member(From, Used)],
    SetFile = atom_to_list(?MODULE_NAME) ++ ".set.asn",
    ok = file:write_file(filename:join(BuildDir, SetFile), [[F, $\n] || F <- Files]),
    ok = file:set_cwd(BuildDir),
    %% undec_rest: decode/2 also returns what it left unread, so trailing octets are seen, not ignored
    case asn1ct:compile(SetFile, [uper, undec_rest]) of
        ok -> ok;
        Err -> error({asn1_compile_failed, Err})
    end.

%% FROM=TO: every FROM in the oracle's copy of the schema becomes TO (see the caller for why); each must match
rewrite(R) ->
    case string:split(R, "=") of
        [From, To] when From =/= "" -> {list_to_binary(From), list_to_binary(To)};
        _ -> error({bad_rewrite, R})
    end.

copy_rewritten(From, To, Rewrites) ->
    {ok, Text0} = file:read_file(From),
    {Text, Used} = lists:foldl(
                     fun({F, T}, {Acc, U}) ->
                             case binary:match(Acc, F) of
                                 nomatch -> {Acc, U};
                                 _ -> {binary:replace(Acc, F, T, [global]), [F | U]}
                             end
                     end, {Text0, []}, Rewrites),
    ok = file:write_file(To, Text),
    Used.

load(BuildDir) ->
    ok = file:set_cwd(BuildDir),
    true = code:add_patha(BuildDir),
    {module, _} = code:ensure_loaded(?MODULE_NAME),
    ok.

%% ---- gen -----------------------------------------------------------------------------------------------------

gen(BuildDir, Type, N, Seed, OutFile) ->
    load(BuildDir),
    Generate = generator(BuildDir, Type),
    _ = rand:seed(exsss, {Seed, Seed bxor 16#5DEECE66D, 16#2545F491}),
    Lines = [gen_one(Type, Generate) || _ <- lists:seq(1, N)],
    ok = file:write_file(OutFile, Lines).

%% asn1ct:value/2 makes each value in a fresh process, whose rand state cannot be seeded; so this calls what it
%% calls (asn1_db loaded with the compiled asn1db, then asn1ct_value:from_type/2) in this process, where
%% rand:seed/2 makes the values reproducible. Where that internal API is missing (another OTP release) it falls
%% back to asn1ct:value/2 and says so on standard error: the values are then only recorded, not reproducible.
%%
%% asn1ct_value fills every OPTIONAL component, so the walk below (fix_type/2) leaves out one in four of them
%% (and one in four DEFAULT components), else no value would have an absent component.
%%
%% asn1ct_value fills an open type constrained by an information object set (J2735's MessageFrame.value,
%% RegionalExtension.regExtValue, PartIIcontent.partII-Value) with a placeholder its own encoder refuses, and its
%% identifier with any number of the identifier's range; the same walk (fix_type/2, along the value's type in the
%% asn1db) puts there a value of the type that a random object of the set names (and that object's
%% identifier), or, one time in ten where the set is extensible, an identifier the set does not know with a few
%% random octets as its open-type content.
generator(BuildDir, Type) ->
    try
        _ = asn1_db:dbstart([BuildDir]),
        ok = asn1_db:dbload(?MODULE_NAME),
        _ = asn1ct_value:from_type(?MODULE_NAME, Type),
        fun() -> fix_type_ref(?MODULE_NAME, Type, asn1ct_value:from_type(?MODULE_NAME, Type)) end
    catch
        C:R ->
            io:format(standard_error, "oracle.escript: values not reproducible, using asn1ct:value/2 (~p:~0p)~n",
                      [C, R]),
            fun() -> {ok, V} = asn1ct:value(?MODULE_NAME, Type), V end
    end.

%% ---- the walk: absent components and open types ------------------------------------------------------------

fix_type_ref(M, Name, V) ->
    case typedef(M, Name) of
        {ok, T} -> fix_type(T, V);
        error -> V
    end.

typedef(M, Name) ->
    case catch asn1_db:dbget(M, Name) of
        {typedef, _, _, _, T} -> {ok, T};
        _ when M =/= ?MODULE_NAME -> typedef(?MODULE_NAME, Name);
        _ -> error
    end.

fix_type(T, V) when element(1, T) =:= type -> fix_def(element(3, T), V);
fix_type(_, V) -> V.

fix_def({'Externaltypereference', _, M, Name}, V) ->
    fix_type_ref(M, Name, V);
fix_def({Seq, _, TableAttrs, _, Comps}, V) when (Seq =:= 'SEQUENCE' orelse Seq =:= 'SET'), is_tuple(V) ->
    Cs = components(Comps),
    case tuple_size(V) =:= length(Cs) + 1 of
        true -> fix_fields(Cs, TableAttrs, V);
        false -> V
    end;
fix_def({SeqOf, T}, V) when (SeqOf =:= 'SEQUENCE OF' orelse SeqOf =:= 'SET OF'), is_list(V) ->
    [fix_type(T, E) || E <- V];
fix_def({'CHOICE', Alts}, {Alt, V}) when is_atom(Alt) ->
    case [C || C <- components(Alts), element(3, C) =:= Alt] of
        [C | _] -> {Alt, fix_type(element(4, C), V)};
        [] -> {Alt, V}
    end;
fix_def(_, V) ->
    V.

components(L) when is_list(L) -> [C || C <- L, is_tuple(C), element(1, C) =:= 'ComponentType'];
components({R, E}) -> components(R) ++ components(E);
components({R1, E, R2}) -> components(R1) ++ components(R2) ++ components(E);
components(_) -> [].

fix_fields(Cs, TableAttrs, V0) ->
    Indexed = lists:zip(lists:seq(2, length(Cs) + 1), Cs),
    lists:foldl(
      fun({I, C}, V) ->
              CT = element(4, C),
              case {open_type(CT), TableAttrs} of
                  {true, {simpletableattributes, {SetM, SetName}, IdField, _, _, _, _}} ->
                      case [J || {J, IC} <- Indexed, element(3, IC) =:= IdField] of
                          [IdI] ->
                              {Id, Open} = pick_object(SetM, SetName, element(4, lists:nth(IdI - 1, Cs))),
                              setelement(I, setelement(IdI, V, Id), Open);
                          _ -> V
                      end;
                  _ ->
                      case {element(I, V), element(5, C), rand:uniform(4)} of
                          {asn1_NOVALUE, _, _} -> V;
                          {asn1_DEFAULT, _, _} -> V;
                          {_, 'OPTIONAL', 1} -> setelement(I, V, asn1_NOVALUE);
                          {_, {'DEFAULT', _}, 1} -> setelement(I, V, asn1_DEFAULT);
                          {F, _, _} -> setelement(I, V, fix_type(CT, F))
                      end
              end
      end, V0, Indexed).

open_type(T) when element(1, T) =:= type ->
    case element(3, T) of
        {'ObjectClassFieldType', _, _, _, {typefield, _}} -> true;
        _ -> false
    end;
open_type(_) -> false.

pick_object(SetM, SetName, IdType) ->
    Objs = case typedef(SetM, SetName) of
               {ok, {'ObjectSet', _, _, _, Os}} when is_list(Os) -> Os;
               _ -> []
           end,
    Known = [{Id, TM, TN} || {_, Id, Fields} <- Objs, is_integer(Id),
                             {'Type', {'Externaltypereference', _, TM, TN}} <- Fields],
    Extensible = lists:member('EXTENSIONMARK', Objs),
    case Known =/= [] andalso (not Extensible orelse rand:uniform(10) > 1) of
        true ->
            {Id, TM, TN} = lists:nth(rand:uniform(length(Known)), Known),
            {Id, fix_type_ref(TM, TN, asn1ct_value:from_type(TM, TN))};
        false ->
            {unknown_id(IdType, [Id || {Id, _, _} <- Known], 100),
             {asn1_OPENTYPE, random_octets(rand:uniform(6))}}
    end.

unknown_id(IdType, KnownIds, Tries) ->
    {Lo, Hi} = id_range(IdType),
    Id = Lo + rand:uniform(Hi - Lo + 1) - 1,
    case lists:member(Id, KnownIds) andalso Tries > 0 of
        true -> unknown_id(IdType, KnownIds, Tries - 1);
        false -> Id
    end.

id_range(T) when element(1, T) =:= type ->
    case [R || {'ValueRange', {Lo, Hi} = R} <- element(4, T), is_integer(Lo), is_integer(Hi)] of
        [R | _] -> R;
        [] -> {0, 255}
    end;
id_range(_) -> {0, 255}.

random_octets(N) -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, N)]).

gen_one(Type, Generate) ->
    Value = Generate(),
    Bin = case ?MODULE_NAME:encode(Type, Value) of
              {ok, B} -> B;
              EncErr -> error({encode_of_generated_value_failed, Type, Value, EncErr})
          end,
    Re = case reencode(Type, Bin) of
             {ok, R} -> hex(R);
             {error, Why} -> "error:" ++ sanitize(Why)
         end,
    [hex(Bin), $\s, Re, $\n].

%% ---- check ---------------------------------------------------------------------------------------------------

check(BuildDir, Type, InFile, OutFile) ->
    load(BuildDir),
    {ok, Text} = file:read_file(InFile),
    In = [string:trim(L) || L <- binary:split(Text, [<<"\n">>, <<"\r">>], [global, trim_all])],
    Out = [case parse_hex(L) of
               {ok, Bin} ->
                   case reencode(Type, Bin) of
                       {ok, R} -> ["ok ", hex(R), $\n];
                       {error, Why} -> ["error ", sanitize(Why), $\n]
                   end;
               error ->
                   ["error ", sanitize({not_hex, L}), $\n]
           end || L <- In, L =/= <<>>],
    ok = file:write_file(OutFile, Out).

parse_hex(L) ->
    try {ok, binary:decode_hex(L)} catch error:_ -> error end.

show(BuildDir, Type, Hex) ->
    load(BuildDir),
    io:format("~p~n", [?MODULE_NAME:decode(Type, binary:decode_hex(list_to_binary(Hex)))]).

%% ---- shared --------------------------------------------------------------------------------------------------

%% decode, then encode again; with undec_rest decode also returns what it left unread, which may only be the
%% padding of the final octet (under 8 bits)
reencode(Type, Bin) ->
    try ?MODULE_NAME:decode(Type, Bin) of
        {ok, Value, Rest} when bit_size(Rest) < 8 -> encode(Type, Value);
        {ok, _Value, Rest} -> {error, {bits_left_unread, bit_size(Rest)}};
        Err -> {error, Err}
    catch
        C:R -> {error, {C, R}}
    end.

encode(Type, Value) ->
    try ?MODULE_NAME:encode(Type, Value) of
        {ok, B} -> {ok, B};
        Err -> {error, {reencode, Err}}
    catch
        C:R -> {error, {reencode, C, R}}
    end.

hex(Bin) -> binary_to_list(binary:encode_hex(Bin)).

sanitize(Term) ->
    S = lists:flatten(io_lib:format("~0p", [Term])),
    [case Ch of $\n -> $\s; $\r -> $\s; _ -> Ch end || Ch <- lists:sublist(S, 400)].
