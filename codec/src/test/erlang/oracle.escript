#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Independent UPER oracle for ErlangOracleTest: OTP's asn1 application (Debian packages erlang-base and
%% erlang-asn1) compiles our schema folders with the `uper` option (X.691 unaligned; `per` would be ALIGNED)
%% and generates, encodes and decodes values with its own codec.
%%
%% Modes:
%%   oracle.escript compile SCHEMA_DIR BUILD_DIR
%%       copies SCHEMA_DIR/*.asn (each file named after its module) into BUILD_DIR, lists them in
%%       Oracle.set.asn and compiles that set with [uper, undec_rest] into module 'Oracle' (beam and asn1db in
%%       BUILD_DIR)
%%   oracle.escript gen BUILD_DIR TYPE N SEED OUT_FILE
%%       writes N random values of TYPE (as asn1ct:value/2 makes them, after rand:seed(exsss, ...) from SEED),
%%       one per line:
%%         HEX REHEX
%%       HEX is Erlang's UPER encoding of the value; REHEX is Erlang's decode of HEX re-encoded (sanity), or
%%       error:REASON
%%   oracle.escript check BUILD_DIR TYPE IN_FILE OUT_FILE
%%       reads one hex encoding of TYPE per line of IN_FILE and writes, per line, either
%%         ok REHEX          Erlang decoded it and REHEX is its re-encoding
%%         error REASON      Erlang refused it (decode or re-encode error, or a whole octet left unread)
%%
%% Exit status 0 on success, 2 on bad usage, 1 on any other failure (with the reason on standard error).

-define(MODULE_NAME, 'Oracle').

main(["compile", SchemaDir, BuildDir]) ->
    run(fun() -> compile(SchemaDir, BuildDir) end);
main(["gen", BuildDir, Type, N, Seed, OutFile]) ->
    run(fun() -> gen(BuildDir, list_to_atom(Type), list_to_integer(N), list_to_integer(Seed), OutFile) end);
main(["check", BuildDir, Type, InFile, OutFile]) ->
    run(fun() -> check(BuildDir, list_to_atom(Type), InFile, OutFile) end);
main(_) ->
    io:format(standard_error,
              "usage: oracle.escript compile SCHEMA_DIR BUILD_DIR~n"
              "       oracle.escript gen BUILD_DIR TYPE N SEED OUT_FILE~n"
              "       oracle.escript check BUILD_DIR TYPE IN_FILE OUT_FILE~n", []),
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

compile(SchemaDir, BuildDir) ->
    ok = filelib:ensure_dir(filename:join(BuildDir, "x")),
    Files = lists:sort(filelib:wildcard("*.asn", SchemaDir)),
    Files =/= [] orelse error({no_asn_files_in, SchemaDir}),
    [{ok, _} = file:copy(filename:join(SchemaDir, F), filename:join(BuildDir, F)) || F <- Files],
    SetFile = atom_to_list(?MODULE_NAME) ++ ".set.asn",
    ok = file:write_file(filename:join(BuildDir, SetFile), [[F, $\n] || F <- Files]),
    ok = file:set_cwd(BuildDir),
    %% undec_rest: decode/2 also returns what it left unread, so trailing octets are seen, not ignored
    case asn1ct:compile(SetFile, [uper, undec_rest]) of
        ok -> ok;
        Err -> error({asn1_compile_failed, Err})
    end.

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
generator(BuildDir, Type) ->
    try
        _ = asn1_db:dbstart([BuildDir]),
        ok = asn1_db:dbload(?MODULE_NAME),
        _ = asn1ct_value:from_type(?MODULE_NAME, Type),
        fun() -> asn1ct_value:from_type(?MODULE_NAME, Type) end
    catch
        C:R ->
            io:format(standard_error, "oracle.escript: values not reproducible, using asn1ct:value/2 (~p:~0p)~n",
                      [C, R]),
            fun() -> {ok, V} = asn1ct:value(?MODULE_NAME, Type), V end
    end.

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
